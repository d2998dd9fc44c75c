package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code axon} launcher (cli/src/dist/bin/axon) runs the packaged jar on the first JDK 21+ of
 * AXON_JAVA, JAVA_HOME and PATH, says which with {@code --verbose}, and says on stderr when it
 * trains the start-up cache.
 */
class LauncherPicksAJdk21OrLaterIT {
  private static final Path LAUNCHER = Path.of("src/dist/bin/axon").toAbsolutePath();
  private static final Path JAR = Path.of("target/axon.jar").toAbsolutePath();

  /** A JDK 17 and a JDK 21+ of this machine's (the build's default JDK and the launcher's). */
  static Path jdk17;

  static Path jdk21;

  @TempDir static Path dir;

  @BeforeAll
  static void findJdks() throws IOException {
    try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
      for (Path home : homes.filter(h -> !Files.isSymbolicLink(h)).sorted().toList()) {
        int feature = feature(home);
        if (feature == 17 && jdk17 == null) {
          jdk17 = home;
        } else if (feature >= 21
            && (jdk21 == null || feature > feature(jdk21))
            && Files.isExecutable(home.resolve("bin/java"))) {
          jdk21 = home;
        }
      }
    }
    assertThat(jdk17).as("a JDK 17 under /usr/lib/jvm").isNotNull();
    assertThat(jdk21).as("a JDK 21 or later under /usr/lib/jvm").isNotNull();
  }

  @Test
  void axonJavaComesFirst() throws Exception {
    // All three are a JDK 21+; AXON_JAVA names it by a path of its own.
    String path = pathTo(jdk21);
    String axonJava = dir.resolve("path-" + jdk21.getFileName()).resolve("java").toString();
    Run run = launch(Map.of("AXON_JAVA", axonJava, "JAVA_HOME", jdk21.toString()), path);

    assertThat(run.exitCode).as(run.stderr).isZero();
    assertThat(run.stderr)
        .isEqualTo(
            "axon: Java %d at %s (from AXON_JAVA); start-up cache: none (AXON_NO_CACHE)%n"
                .formatted(feature(jdk21), axonJava));
    assertThat(run.stdout).startsWith("axon ");
  }

  @Test
  void javaHomeComesBeforePath() throws Exception {
    // PATH's java is a JDK 21+ too, under another name: the one that runs is JAVA_HOME's.
    Run run = launch(Map.of("JAVA_HOME", jdk21.toString()), pathTo(jdk21));

    assertThat(run.exitCode).as(run.stderr).isZero();
    assertThat(run.stderr)
        .startsWith("axon: Java %d at %s (from JAVA_HOME);".formatted(feature(jdk21), java(jdk21)));
  }

  @Test
  void aJavaHomeOlderThan21IsPassedOverForPathAndVerboseSaysSo() throws Exception {
    Run run = launch(Map.of("JAVA_HOME", jdk17.toString()), pathTo(jdk21));

    assertThat(run.exitCode).as(run.stderr).isZero();
    assertThat(run.stderr)
        .startsWith(
            "axon: Java %d at %s (from PATH; skipped JAVA_HOME: %s is Java 17);"
                .formatted(
                    feature(jdk21),
                    dir.resolve("path-" + jdk21.getFileName()).resolve("java"),
                    java(jdk17)));
  }

  @Test
  void anAxonJavaOlderThan21IsRefusedWithWhatToDo() throws Exception {
    Run run = launch(Map.of("AXON_JAVA", java(jdk17)), pathTo(jdk21));

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.stdout).isEmpty();
    assertThat(run.stderr)
        .isEqualTo(
            "axon: AXON_JAVA: %s is Java 17; AXON_JAVA must name a Java 21 or later%n"
                .formatted(java(jdk17)));
  }

  @Test
  void theFirstCommandSaysItTrainsTheCacheOnceAndTheNextUsesIt() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Map<String, String> env = new HashMap<>(Map.of("AXON_JAVA", java(jdk21)));
    env.put("XDG_CACHE_HOME", cache.toString());

    Run first = launch(env, pathTo(jdk17), false, "version", "--client");
    Run second = launch(env, pathTo(jdk17), false, "--verbose", "version", "--client");

    assertThat(first.exitCode).as(first.stderr).isZero();
    assertThat(first.stderr)
        .isEqualTo(
            "axon: training the start-up cache for this build and JDK, once (10-45 s)...%n"
                .formatted());
    List<Path> caches;
    try (Stream<Path> files = Files.list(cache.resolve("axon/cli"))) {
      caches = files.toList();
    }
    assertThat(caches).hasSize(1);
    assertThat(second.exitCode).as(second.stderr).isZero();
    assertThat(second.stderr)
        .isEqualTo(
            "axon: Java %d at %s (from AXON_JAVA); start-up cache: %s%n"
                .formatted(feature(jdk21), java(jdk21), caches.get(0)));
    assertThat(second.stdout).isEqualTo(first.stdout).startsWith("axon ");
  }

  private record Run(int exitCode, String stdout, String stderr) {}

  private static Run launch(Map<String, String> env, String path) throws Exception {
    return launch(env, path, true, "--verbose", "version", "--client");
  }

  /** The launcher with only {@code env}, PATH and HOME set, on the packaged jar. */
  private static Run launch(Map<String, String> env, String path, boolean noCache, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("PATH", path);
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("AXON_JAR", JAR.toString());
    if (noCache) {
      builder.environment().put("AXON_NO_CACHE", "1");
    }
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the launcher did not end in 180 s: " + Files.readString(err));
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** A PATH whose java is {@code home}'s, followed by the system's directories. */
  private static String pathTo(Path home) throws IOException {
    Path bin = dir.resolve("path-" + home.getFileName());
    if (!Files.exists(bin)) {
      Files.createDirectories(bin);
      Files.createSymbolicLink(bin.resolve("java"), home.resolve("bin/java"));
    }
    return bin + ":/usr/local/bin:/usr/bin:/bin";
  }

  private static String java(Path home) {
    return home.resolve("bin/java").toString();
  }

  /** The JDK's feature version, from its release file; 0 when it has none. */
  private static int feature(Path home) {
    try {
      return Files.readAllLines(home.resolve("release")).stream()
          .filter(line -> line.startsWith("JAVA_VERSION=\""))
          .map(line -> line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0])
          .mapToInt(Integer::parseInt)
          .findFirst()
          .orElse(0);
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }
}

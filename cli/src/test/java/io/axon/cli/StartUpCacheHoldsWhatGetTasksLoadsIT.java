package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up cache that the {@code axon} launcher trains holds what a real {@code axon get tasks}
 * loads: run against a real kube-apiserver, the command takes the jar's classes from the cache, not
 * from the jar (a training run whose {@code get} failed early once left them out, and {@code get
 * tasks} cost 0.7 s more CPU).
 */
class StartUpCacheHoldsWhatGetTasksLoadsIT {
  private static final Path LAUNCHER = Path.of("src/dist/bin/axon").toAbsolutePath();
  private static final Path JAR = Path.of("target/axon.jar").toAbsolutePath();

  /**
   * How many of the jar's classes may still load from the jar: the few the training run cannot
   * reach (a real server's HTTP/2 path, lambda forms). A training run that misses the client leaves
   * about 1,500.
   */
  private static final int FROM_THE_JAR_AT_MOST = 50;

  static RealApiServer server;
  static Path kubeconfig;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws IOException {
    server = RealApiServer.start();
    kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"));
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(server.kubeconfigYaml()))
            .build()) {
      BenchApiServer.seed(client, 3);
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void getTasksTakesTheJarsClassesFromTheTrainedCache() throws Exception {
    Path classLog = dir.resolve("class-load.log");
    // The first command trains the cache; the second is the one looked at.
    Run training = launch(Map.of(), "--kubeconfig", kubeconfig.toString(), "get", "tasks");
    Run run =
        launch(
            Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog),
            "--verbose",
            "--kubeconfig",
            kubeconfig.toString(),
            "get",
            "tasks");

    assertThat(training.exitCode).as(training.stderr).isZero();
    assertThat(training.stderr).contains("axon: training the start-up cache");
    assertThat(run.exitCode).as(run.stderr).isZero();
    assertThat(run.stderr).contains("start-up cache: " + dir.resolve("cache/axon/cli"));
    assertThat(run.stdout).contains("bench-task-0", "bench-task-1", "bench-task-2");
    List<String> loaded = Files.readAllLines(classLog);
    List<String> fromTheJar =
        loaded.stream()
            .filter(line -> line.contains("source: file:" + JAR))
            .map(line -> line.replaceFirst(".*\\] (\\S+) source: .*", "$1"))
            .toList();
    assertThat(loaded.stream().filter(line -> line.contains("source: shared objects file")))
        .as("classes from the cache")
        .hasSizeGreaterThan(2_000);
    assertThat(fromTheJar)
        .as("classes `get tasks` loaded from the jar instead of the cache")
        .hasSizeLessThanOrEqualTo(FROM_THE_JAR_AT_MOST);
  }

  private record Run(int exitCode, String stdout, String stderr) {}

  /** The launcher on the packaged jar, on a JDK 21+, with a cache and a home of the test's. */
  private static Run launch(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    builder.environment().put("AXON_JAVA", java21().toString());
    builder.environment().put("AXON_JAR", JAR.toString());
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

  /** The newest JDK 21+ under /usr/lib/jvm, the launcher's last resort and these machines' JDK. */
  private static Path java21() throws IOException {
    Path newest = null;
    int newestFeature = 0;
    try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
      for (Path home : homes.filter(h -> !Files.isSymbolicLink(h)).sorted().toList()) {
        int feature = feature(home);
        if (feature >= 21
            && feature > newestFeature
            && Files.isExecutable(home.resolve("bin/java"))) {
          newest = home;
          newestFeature = feature;
        }
      }
    }
    assertThat(newest).as("a JDK 21 or later under /usr/lib/jvm").isNotNull();
    return newest.resolve("bin/java");
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

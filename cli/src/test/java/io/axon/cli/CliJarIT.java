package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.cli.install.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code target/axon.jar} as users run it: a fresh JVM per command against a real
 * kube-apiserver (TLS, client certificate), on a JDK 21 or later as the launcher requires. It
 * checks what only the jar shows: the JDK client's selector thread ends before the JVM exits (or
 * the JVM would wait 300 ms for it), the jar's shorter kind registry still types every manifest
 * `axon install` applies, and picocli is in a bytecode version the class-data cache keeps.
 */
class CliJarIT {
  private static final Path JAR = Path.of("target/axon.jar");

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
  void theJarListsTasksAndItsSelectorThreadEndsBeforeExit() throws Exception {
    Run run = axon("get", "tasks");

    assertThat(run.exitCode).as(run.stderr).isZero();
    assertThat(run.stdout)
        .startsWith("NAME")
        .contains("bench-task-0", "bench-task-1", "bench-task-2");
    assertThat(run.threadLog).contains("JavaThread exiting (name: \"HttpClient-");
  }

  @Test
  void theJarsKindRegistryTypesEveryManifestAxonInstallApplies() throws IOException {
    Set<String> registered = registeredKinds();
    List<HasMetadata> manifests;
    try (KubernetesClient offline = new KubernetesClientBuilder().build()) {
      manifests = Manifests.bundled().load(offline);
    }

    assertThat(manifests).isNotEmpty().noneMatch(GenericKubernetesResource.class::isInstance);
    assertThat(registered)
        .containsAll(manifests.stream().map(m -> m.getClass().getName()).toList())
        .contains(
            "io.axon.api.v1alpha1.Task",
            "io.axon.api.v1alpha1.TaskSpawner",
            "io.axon.api.v1alpha1.Workspace");
  }

  @Test
  void picocliInTheJarIsBytecodeTheClassDataCacheKeeps() throws IOException {
    try (ZipFile jar = new ZipFile(JAR.toFile());
        InputStream in = jar.getInputStream(jar.getEntry("picocli/CommandLine.class"))) {
      byte[] header = in.readNBytes(8);
      int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
      // The JVM's AOT cache and AppCDS skip classes older than Java 6 (major version 50).
      assertThat(major).isGreaterThanOrEqualTo(61);
    }
  }

  private static Set<String> registeredKinds() throws IOException {
    try (ZipFile jar = new ZipFile(JAR.toFile());
        InputStream in =
            jar.getInputStream(
                jar.getEntry(
                    "META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource"))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .collect(Collectors.toSet());
    }
  }

  private record Run(int exitCode, String stdout, String stderr, String threadLog) {}

  /** The jar in a JVM of its own, with its thread starts and ends logged. */
  private static Run axon(String... args) throws Exception {
    Path threads = Files.createTempFile(dir, "threads", ".log");
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    List<String> command = new ArrayList<>();
    command.add(java21().toString());
    command.add("-Xlog:os+thread=info:file=" + threads);
    command.add("-jar");
    command.add(JAR.toString());
    command.add("--kubeconfig");
    command.add(kubeconfig.toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("axon " + String.join(" ", args) + " did not end in 60 s");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out),
        Files.readString(err),
        Files.readString(threads));
  }

  /** A JDK 21+ java, found as the launcher finds one (cli/src/dist/bin/axon). */
  private static Path java21() throws IOException {
    List<Path> candidates = new ArrayList<>();
    for (String variable : List.of("AXON_JAVA", "JAVA_HOME")) {
      String value = System.getenv(variable);
      if (value != null && !value.isBlank()) {
        candidates.add(
            variable.equals("JAVA_HOME") ? Path.of(value, "bin", "java") : Path.of(value));
      }
    }
    candidates.add(Path.of(System.getProperty("java.home"), "bin", "java"));
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (var homes = Files.list(jvms)) {
        homes
            .sorted(Comparator.reverseOrder())
            .forEach(home -> candidates.add(home.resolve("bin/java")));
      }
    }
    for (Path java : candidates) {
      if (Files.isExecutable(java) && feature(java) >= 21) {
        return java;
      }
    }
    throw new IllegalStateException(
        "CliJarIT runs the jar on a JDK 21 or later, as the axon launcher does; none found at "
            + candidates
            + " (set AXON_JAVA)");
  }

  /** The JDK's feature version, from the release file next to its bin/. */
  private static int feature(Path java) {
    Path release = java.toAbsolutePath().getParent().getParent().resolve("release");
    try {
      return Files.readAllLines(release).stream()
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

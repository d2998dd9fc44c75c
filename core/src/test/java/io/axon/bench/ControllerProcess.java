package io.axon.bench;

import io.axon.controller.it.RepoPaths;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The controller as it ships: the shaded jar in its own JVM, with the JVM options of the Deployment
 * (deploy/controller/deployment.yaml), a kubeconfig, and a settings file. Reports its memory from
 * /proc and from its GC log.
 */
final class ControllerProcess implements AutoCloseable {
  private static final Pattern GC_PAUSE =
      Pattern.compile("GC\\(\\d+\\) Pause .* (\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms");

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final Path gcLog;
  private final Path log;
  private final int healthPort;
  final String javaToolOptions;

  private ControllerProcess(
      Process process, Path gcLog, Path log, int healthPort, String javaToolOptions) {
    this.process = process;
    this.gcLog = gcLog;
    this.log = log;
    this.healthPort = healthPort;
    this.javaToolOptions = javaToolOptions;
  }

  /**
   * Starts the controller.
   *
   * @param plugins classpath entries after the jar's (agent plugins)
   * @param settings the controller's YAML settings ({@code AXON_CONFIG})
   */
  static ControllerProcess start(
      Path work,
      Path kubeconfig,
      String plugins,
      String settings,
      int healthPort,
      List<String> jvmFlags)
      throws IOException {
    Path jar = RepoPaths.root().resolve("core/target/axon-controller.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it first with ./mvnw -pl core -am package -DskipTests");
    }
    Path config = work.resolve("controller.yaml");
    Files.writeString(config, settings);
    Path gcLog = work.resolve("controller-gc.log");
    Path log = work.resolve("controller.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xlog:gc:file=" + gcLog));
    command.addAll(jvmFlags);
    command.addAll(
        List.of(
            "-cp", jar + File.pathSeparator + plugins, "io.axon.controller.wiring.ControllerMain"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    Map<String, String> shipped = deploymentEnv();
    env.putAll(shipped);
    // AXON_BENCH_JAVA_TOOL_OPTIONS replaces the Deployment's options, for experiments.
    String options =
        Optional.ofNullable(System.getenv("AXON_BENCH_JAVA_TOOL_OPTIONS"))
            .orElseGet(() -> shipped.get("JAVA_TOOL_OPTIONS"));
    if (options == null) {
      throw new IllegalStateException("deployment.yaml sets no JAVA_TOOL_OPTIONS");
    }
    env.put("JAVA_TOOL_OPTIONS", options);
    env.put("AXON_CONFIG", config.toString());
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("POD_NAME", "axon-controller-bench");
    Process process = builder.start();
    process.getOutputStream().close();
    return new ControllerProcess(process, gcLog, log, healthPort, options);
  }

  /**
   * The environment the Deployment gives the controller (its literal values: JVM options, malloc
   * arenas), so the figures are the shipped ones.
   */
  static Map<String, String> deploymentEnv() throws IOException {
    try (InputStream in =
        Files.newInputStream(RepoPaths.root().resolve("deploy/controller/deployment.yaml"))) {
      Deployment deployment = Serialization.unmarshal(in, Deployment.class);
      Map<String, String> env = new LinkedHashMap<>();
      for (EnvVar var :
          deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
        if (var.getValue() != null) {
          env.put(var.getName(), var.getValue());
        }
      }
      return env;
    }
  }

  long pid() {
    return process.pid();
  }

  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The controller exited:\n" + tail());
      }
      try {
        HttpRequest ready =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/readyz"))
                .build();
        if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("The controller did not get ready:\n" + tail());
  }

  /**
   * The sum of a Prometheus metric's series on the controller's {@code /metrics}, for example
   * {@code axon_reconcile_total} (every result) or {@code axon_kubernetes_events_queued}.
   */
  double metric(String name) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/metrics")).build();
    try {
      String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
      return body.lines()
          .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A line of /proc/PID/status in MiB, for example VmRSS or VmHWM (the peak). */
  long procStatusMiB(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IllegalStateException("No " + field + " in /proc/" + pid() + "/status");
  }

  /**
   * What the GC log says: the most heap in use (right before a collection), the most the JVM had
   * committed, how much survived each full collection at most (the live set), and time in pauses.
   */
  record Heap(
      long peakUsedMiB,
      long peakCommittedMiB,
      long peakLiveAfterFullGcMiB,
      int youngCollections,
      int fullCollections,
      long pauseMillis) {}

  Heap heap() throws IOException {
    long used = 0;
    long committed = 0;
    long live = 0;
    int young = 0;
    int full = 0;
    double pauses = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = GC_PAUSE.matcher(line);
      if (m.find()) {
        used = Math.max(used, Long.parseLong(m.group(1)));
        committed = Math.max(committed, Long.parseLong(m.group(3)));
        pauses += Double.parseDouble(m.group(4));
        if (line.contains("Pause Full")) {
          full++;
          live = Math.max(live, Long.parseLong(m.group(2)));
        } else {
          young++;
        }
      }
    }
    return new Heap(used, committed, live, young, full, Math.round(pauses));
  }

  /** Native memory by category (needs -XX:NativeMemoryTracking=summary). */
  String nativeMemorySummary() throws IOException, InterruptedException {
    StringBuilder summary = new StringBuilder("Controller native memory (NMT, committed):\n");
    for (String line : jcmd("VM.native_memory", "summary", "scale=MB").split("\n")) {
      if (line.startsWith("Total") || line.matches("^-\\s+.*\\(reserved=.*")) {
        summary.append("    ").append(line.strip()).append('\n');
      }
    }
    return summary.toString();
  }

  /** The live heap: a class histogram (which collects garbage first). */
  record Histogram(long totalBytes, String top) {}

  Histogram heapHistogram(int top) throws IOException, InterruptedException {
    String[] lines = jcmd("GC.class_histogram").split("\n");
    StringBuilder histogram = new StringBuilder("Controller heap by class (live objects):\n");
    long total = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("Total")) {
        total = Long.parseLong(lines[i].trim().split("\\s+")[2]);
        histogram.append("    ").append(lines[i]).append('\n');
      } else if (i < top + 3) {
        histogram.append("    ").append(lines[i]).append('\n');
      }
    }
    return new Histogram(total, histogram.toString());
  }

  private String jcmd(String... command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> argv = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid())));
    argv.addAll(List.of(command));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}

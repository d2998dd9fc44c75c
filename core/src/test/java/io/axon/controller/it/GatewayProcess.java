package io.axon.controller.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The shipped gateway, {@code io.axon.gateway.GatewayMain} from the controller's jar, in a JVM of
 * its own as its Deployment runs it: its settings file in {@code AXON_GATEWAY_CONFIG}, the
 * Kubernetes identity its kubeconfig names, and the JVM's trust store for the TLS upstreams.
 */
final class GatewayProcess implements AutoCloseable {
  private final Process process;
  final Path log;
  final int port;

  private GatewayProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts it on 127.0.0.1 with these more settings (YAML lines, see GatewaySettings), and waits
   * until it answers on both ports.
   *
   * @param trustStore a PKCS#12 trust store for the upstreams' certificates (password {@code
   *     axon-trust})
   */
  static GatewayProcess start(
      Path dir, Path kubeconfig, Path trustStore, String moreSettings, Duration timeout)
      throws IOException {
    Path jar = RepoPaths.root().resolve("core/target/axon-controller.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the package phase first");
    }
    int port = RealNode.freePort();
    int metricsPort = RealNode.freePort();
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(
        config,
        "host: 127.0.0.1\nport: %d\nmetricsPort: %d\n%s"
            .formatted(port, metricsPort, moreSettings));
    Path log = dir.resolve("gateway.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC"));
    command.add("-Djavax.net.ssl.trustStore=" + trustStore);
    command.add("-Djavax.net.ssl.trustStorePassword=axon-trust");
    command.addAll(List.of("-cp", jar.toString(), "io.axon.gateway.GatewayMain"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("AXON_GATEWAY_CONFIG", config.toString());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process process = builder.start();
    process.getOutputStream().close();
    GatewayProcess gateway = new GatewayProcess(process, log, port);
    try {
      HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
      Eventually.await(
          timeout,
          "the gateway to answer /healthz on ports " + port + " and " + metricsPort,
          () -> {
            if (!process.isAlive()) {
              throw new IllegalStateException("the gateway exited:\n" + gateway.logText());
            }
            return healthy(http, port) && healthy(http, metricsPort);
          },
          up -> up);
    } catch (RuntimeException | Error e) {
      gateway.close();
      throw e;
    }
    return gateway;
  }

  /** The gateway's URL as pods reach it through a relay of the same port. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean healthy(HttpClient http, int port) {
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGTERM, then SIGKILL if it has not stopped within 10 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

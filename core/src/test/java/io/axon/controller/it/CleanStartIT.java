package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped controller jar starts, leads and stops without a warning of a blocked event loop, of
 * a second Vert.x or of a metric registered twice, and without a stack trace.
 */
class CleanStartIT {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static ControlPlane plane;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void theControllerStartsAndStopsWithACleanLog() throws Exception {
    Path jar = RepoPaths.root().resolve("core/target/axon-controller.jar");
    Path config = plane.workDir().resolve("clean-start.yaml");
    Path log = plane.workDir().resolve("logs/clean-start-controller.log");
    int port = freePort();
    Files.writeString(
        config,
        """
        leaderElection: {enabled: true, leaseNamespace: %s}
        health: {host: 127.0.0.1, port: %d}
        """
            .formatted(ControlPlane.CONTROLLER_NAMESPACE, port));
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(List.of(java, "-jar", jar.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("AXON_CONFIG", config.toString());
    builder.environment().put("KUBECONFIG", plane.kubeconfig(ControlPlane.CONTROLLER).toString());
    builder.environment().put("POD_NAME", "clean-start");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    Process controller = builder.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      Eventually.await(
          TIMEOUT,
          "the controller to lead (log: " + log + ")",
          () -> {
            try {
              return http.send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body();
            } catch (IOException e) {
              return "not listening";
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          },
          "ok: leader\n"::equals);
    } finally {
      controller.destroy();
      assertThat(controller.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
    }

    String output = Files.readString(log);
    assertThat(output)
        .contains("Axon controller started")
        .doesNotContain("has been blocked for")
        .doesNotContain("already on a Vert.x context")
        .doesNotContain("already registered")
        .doesNotContain("Exception")
        .doesNotContainPattern("(?m)^\\s+at [a-z]");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

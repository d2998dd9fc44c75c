package io.axon.controller.observe;

import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The whole controller on the mock API server with these bridge settings, for the bridge tests. */
final class BridgedController {
  private BridgedController() {}

  /** A controller that leads alone (no leader election), its {@code bridge} settings these. */
  static ControllerHarness start(KubernetesClient client, JsonObject bridge) {
    return new ControllerHarness(
        client,
        AgentRegistry.of(Fixtures.claudeLike()),
        new JsonObject()
            .put("leaderElection", new JsonObject().put("enabled", false))
            .put("bridge", bridge));
  }

  /** Bridge settings that serve plain TCP on 127.0.0.1 at this port. */
  static JsonObject onLoopback(int port) {
    return new JsonObject().put("enabled", true).put("host", "127.0.0.1").put("port", port);
  }

  /** A loopback port nothing listens on now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

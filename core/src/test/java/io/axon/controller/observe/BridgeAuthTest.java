package io.axon.controller.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.controller.ControllerHarness;
import io.axon.controller.runtime.Addresses;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a token configured, the bridge serves only clients whose frames carry it. */
@EnableKubernetesMockClient(crud = true)
class BridgeAuthTest {
  static final String TOKEN = "bridge-t0ken-from-a-secret";

  KubernetesClient client;
  ControllerHarness harness;
  @TempDir Path tmp;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void framesWithoutTheTokenAreDeniedAndFramesWithItAreServed() throws Exception {
    Path tokenFile = tmp.resolve("token");
    Files.writeString(tokenFile, TOKEN + "\n");
    int port = BridgedController.freePort();
    harness =
        BridgedController.start(
            client,
            BridgedController.onLoopback(port)
                .put("auth", new JsonObject().put("tokenFile", tokenFile.toString())));

    try (BridgeClient bridge = BridgeClient.connect(port)) {
      bridge.register(Addresses.LEADERSHIP);
      assertDenied(bridge.read());
      bridge.write(frame(Addresses.LEADERSHIP, "not-" + TOKEN));
      assertDenied(bridge.read());

      bridge.write(frame(Addresses.LEADERSHIP, TOKEN));
      bridge.sync();
      harness.vertx().eventBus().publish(Addresses.LEADERSHIP, new JsonObject().put("x", 1));
      JsonObject message = bridge.read();
      assertThat(message.getString("type")).isEqualTo("message");
      assertThat(message.getString("address")).isEqualTo(Addresses.LEADERSHIP);
    }
  }

  private static JsonObject frame(String address, String token) {
    return new JsonObject()
        .put("type", "register")
        .put("address", address)
        .put("headers", new JsonObject().put(BridgeAuth.HEADER, token));
  }

  private static void assertDenied(JsonObject frame) {
    assertThat(frame.getString("type")).isEqualTo("err");
    // Vert.x's words for a frame the bridge's event handler refused.
    assertThat(frame.getString("message")).isEqualTo("blocked by bridgeEvent handler");
  }
}

package io.axon.controller.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.controller.wiring.ControllerSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BridgeSettingsTest {

  @Test
  void offOnLoopbackWithNoInboundAndNoTlsByDefault() {
    BridgeSettings bridge = ControllerSettings.defaults().bridge();
    assertThat(bridge.enabled()).isFalse();
    assertThat(bridge.host()).isEqualTo("127.0.0.1");
    assertThat(bridge.port()).isEqualTo(7000);
    assertThat(bridge.allowInbound()).isEmpty();
    assertThat(bridge.tls()).isEmpty();
  }

  @Test
  void readsEveryKey() {
    BridgeSettings bridge =
        BridgeSettings.fromJson(
            new JsonObject()
                .put("enabled", true)
                .put("host", "0.0.0.0")
                .put("port", 7443)
                .put("allowInbound", new JsonArray().add("acme.hooks"))
                .put("auth", new JsonObject().put("tokenFile", "/token/token"))
                .put(
                    "tls",
                    new JsonObject()
                        .put("certPath", "/tls/tls.crt")
                        .put("keyPath", "/tls/tls.key")
                        .put("clientCAPath", "/tls/ca.crt")));
    assertThat(bridge.enabled()).isTrue();
    assertThat(bridge.host()).isEqualTo("0.0.0.0");
    assertThat(bridge.port()).isEqualTo(7443);
    assertThat(bridge.allowInbound()).containsExactly("acme.hooks");
    assertThat(bridge.tls())
        .hasValue(
            new BridgeSettings.Tls("/tls/tls.crt", "/tls/tls.key", Optional.of("/tls/ca.crt")));
    assertThat(bridge.tokenFile()).hasValue("/token/token");
    assertThat(bridge.mutualTls()).isTrue();
  }

  @Test
  void tlsWithOnlyOneFileSaysWhatIsMissing() {
    assertThatThrownBy(
            () ->
                BridgeSettings.fromJson(
                    new JsonObject().put("tls", new JsonObject().put("certPath", "/tls/tls.crt"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "bridge.tls needs both certPath and keyPath (PEM files); set both, or remove bridge.tls to serve plain TCP.");
  }

  @Test
  void anEmptyInboundAddressIsRefusedRatherThanOpeningEverything() {
    assertThatThrownBy(
            () -> BridgeSettings.fromJson(new JsonObject().put("allowInbound", List.of(" "))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty address");
  }

  @Test
  void clientsMayListenToThePublicAddressesOnlyAndSendNowhere() {
    var options = BridgeVerticle.permissions(BridgeSettings.fromJson(new JsonObject()));
    assertThat(options.getInboundPermitteds()).isEmpty();
    assertThat(options.getOutboundPermitteds())
        .extracting(p -> p.getAddress() == null ? "regex:" + p.getAddressRegex() : p.getAddress())
        .containsExactly("regex:axon\\.task\\..*", "axon.leader");
  }

  @Test
  void beyondLoopbackWithoutATokenOrMutualTlsIsRefusedSayingWhatToSet() {
    JsonObject open = new JsonObject().put("enabled", true).put("host", "0.0.0.0");
    assertThatThrownBy(() -> BridgeSettings.fromJson(open))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bridge.host 0.0.0.0 listens beyond loopback")
        .hasMessageContaining("bridge.auth.tokenFile")
        .hasMessageContaining("bridge.tls.clientCAPath");
    // Plain TLS without client certificates authenticates nobody.
    JsonObject tlsOnly =
        open.copy().put("tls", new JsonObject().put("certPath", "/c.crt").put("keyPath", "/c.key"));
    assertThatThrownBy(() -> BridgeSettings.fromJson(tlsOnly))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            BridgeSettings.fromJson(
                    open.copy().put("auth", new JsonObject().put("tokenFile", "/t/token")))
                .tokenFile())
        .hasValue("/t/token");
    assertThat(BridgeSettings.fromJson(open.copy().put("host", "::1")).host()).isEqualTo("::1");
  }
}

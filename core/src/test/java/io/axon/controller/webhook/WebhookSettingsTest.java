package io.axon.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.controller.wiring.ControllerSettings;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {
  @Test
  void offByDefaultOnItsOwnPort() {
    WebhookSettings settings = ControllerSettings.defaults().webhook();
    assertThat(settings)
        .isEqualTo(new WebhookSettings(false, "0.0.0.0", 8443, Optional.empty(), false));
  }

  @Test
  void onOnlyWithTlsOrExplicitlyPlain() {
    assertThatThrownBy(() -> WebhookSettings.fromJson(new JsonObject().put("enabled", true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "webhook.enabled needs webhook.tls.certPath and webhook.tls.keyPath (GitHub delivers"
                + " over HTTPS), or webhook.plainHTTP: true behind an ingress that terminates TLS");
    assertThatThrownBy(
            () ->
                WebhookSettings.fromJson(
                    new JsonObject().put("tls", new JsonObject().put("certPath", "/c.pem"))))
        .hasMessage("webhook.tls needs both certPath and keyPath (PEM files)");
    assertThat(
            WebhookSettings.fromJson(new JsonObject().put("enabled", true).put("plainHTTP", true))
                .plainHTTP())
        .isTrue();
    JsonObject tls = new JsonObject().put("certPath", "/c.pem").put("keyPath", "/k.pem");
    assertThat(
            WebhookSettings.fromJson(new JsonObject().put("enabled", true).put("tls", tls)).tls())
        .contains(new WebhookSettings.Tls("/c.pem", "/k.pem"));
    assertThat(
            ControllerSettings.unknownKeys(
                new JsonObject()
                    .put("webhook", new JsonObject().put("enabled", false).put("prot", 1))))
        .containsExactly("webhook.prot");
  }
}

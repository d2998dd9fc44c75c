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
        .isEqualTo(new WebhookSettings(false, "0.0.0.0", 8443, Optional.empty(), false, 256, 32));
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

  @Test
  void theQueueBoundsAreSettingsWithinRange() {
    WebhookSettings small =
        WebhookSettings.fromJson(
            new JsonObject().put("maxQueuedItems", 2).put("maxQueuedDeliveries", 1));
    assertThat(small.maxQueuedItems()).isEqualTo(2);
    assertThat(small.maxQueuedDeliveries()).isEqualTo(1);
    assertThatThrownBy(() -> WebhookSettings.fromJson(new JsonObject().put("maxQueuedItems", 0)))
        .hasMessage("webhook.maxQueuedItems must be a whole number from 1 to 4096 (default 256)");
    assertThatThrownBy(
            () -> WebhookSettings.fromJson(new JsonObject().put("maxQueuedDeliveries", 33)))
        .hasMessage("webhook.maxQueuedDeliveries must be a whole number from 1 to 32 (default 32)");
    assertThatThrownBy(
            () -> WebhookSettings.fromJson(new JsonObject().put("maxQueuedItems", "many")))
        .hasMessage("webhook.maxQueuedItems must be a whole number from 1 to 4096 (default 256)");
    assertThat(
            ControllerSettings.unknownKeys(
                new JsonObject()
                    .put(
                        "webhook",
                        new JsonObject().put("maxQueuedItems", 2).put("maxQueuedDeliveries", 1))))
        .isEmpty();
  }
}

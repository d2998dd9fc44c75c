package io.axon.controller.webhook;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The controller's webhook endpoint for GitHub deliveries (off by default).
 *
 * @param enabled whether to listen
 * @param host address to bind
 * @param port its own port, apart from health and the bridge
 * @param tls certificate and key (PEM) to serve HTTPS with
 * @param plainHTTP serve plain HTTP (only behind something that terminates TLS)
 */
public record WebhookSettings(
    boolean enabled, String host, int port, Optional<Tls> tls, boolean plainHTTP) {

  /** PEM files: a certificate chain and its private key. */
  public record Tls(String certPath, String keyPath) {}

  public static WebhookSettings disabled() {
    return fromJson(new JsonObject());
  }

  /**
   * Reads the {@code webhook} section:
   *
   * <pre>
   * webhook:
   *   enabled: true
   *   host: 0.0.0.0                 # default
   *   port: 8443                    # default
   *   tls: {certPath: /etc/axon/webhook/tls.crt, keyPath: /etc/axon/webhook/tls.key}
   *   plainHTTP: false              # true only behind an ingress that terminates TLS
   * </pre>
   *
   * @throws IllegalArgumentException when enabled without TLS and without {@code plainHTTP}
   */
  public static WebhookSettings fromJson(JsonObject json) {
    JsonObject tls = json.getJsonObject("tls", new JsonObject());
    Optional<Tls> pem = Optional.empty();
    if (tls.getString("certPath") != null || tls.getString("keyPath") != null) {
      if (tls.getString("certPath") == null || tls.getString("keyPath") == null) {
        throw new IllegalArgumentException(
            "webhook.tls needs both certPath and keyPath (PEM files)");
      }
      pem = Optional.of(new Tls(tls.getString("certPath"), tls.getString("keyPath")));
    }
    WebhookSettings settings =
        new WebhookSettings(
            json.getBoolean("enabled", false),
            json.getString("host", "0.0.0.0"),
            json.getInteger("port", 8443),
            pem,
            json.getBoolean("plainHTTP", false));
    if (settings.enabled() && pem.isEmpty() && !settings.plainHTTP()) {
      throw new IllegalArgumentException(
          "webhook.enabled needs webhook.tls.certPath and webhook.tls.keyPath (GitHub delivers"
              + " over HTTPS), or webhook.plainHTTP: true behind an ingress that terminates TLS");
    }
    return settings;
  }
}

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
 * @param maxQueuedItems how many comments and failed checks a spawner's {@code status.queuedItems}
 *     holds; a delivery beyond that is answered 503
 * @param maxQueuedDeliveries how many generic deliveries a spawner's {@code
 *     status.queuedDeliveries} holds; a delivery beyond that is answered 503
 */
public record WebhookSettings(
    boolean enabled,
    String host,
    int port,
    Optional<Tls> tls,
    boolean plainHTTP,
    int maxQueuedItems,
    int maxQueuedDeliveries) {
  public static final int DEFAULT_MAX_QUEUED_ITEMS = 256;

  /** Ids only, some 40 bytes each: a longer queue still keeps the spawner's status small. */
  public static final int MOST_QUEUED_ITEMS = 4096;

  /**
   * Each entry keeps up to {@link io.axon.source.webhook.FieldMapping#MAX_BYTES} of mapped fields:
   * 32 of them are 1 MiB, near what one object may weigh in etcd, so this is also the most.
   */
  public static final int DEFAULT_MAX_QUEUED_DELIVERIES = 32;

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
   *   maxQueuedItems: 256           # default; 1 to 4096
   *   maxQueuedDeliveries: 32       # default; 1 to 32
   * </pre>
   *
   * @throws IllegalArgumentException when enabled without TLS and without {@code plainHTTP}, or a
   *     queue bound is out of its range
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
            json.getBoolean("plainHTTP", false),
            bound(json, "maxQueuedItems", DEFAULT_MAX_QUEUED_ITEMS, MOST_QUEUED_ITEMS),
            bound(
                json,
                "maxQueuedDeliveries",
                DEFAULT_MAX_QUEUED_DELIVERIES,
                DEFAULT_MAX_QUEUED_DELIVERIES));
    if (settings.enabled() && pem.isEmpty() && !settings.plainHTTP()) {
      throw new IllegalArgumentException(
          "webhook.enabled needs webhook.tls.certPath and webhook.tls.keyPath (GitHub delivers"
              + " over HTTPS), or webhook.plainHTTP: true behind an ingress that terminates TLS");
    }
    return settings;
  }

  private static int bound(JsonObject json, String key, int fallback, int most) {
    Object value = json.getValue(key, fallback);
    long n = value instanceof Integer || value instanceof Long ? ((Number) value).longValue() : 0;
    if (n < 1 || n > most) {
      throw new IllegalArgumentException(
          "webhook."
              + key
              + " must be a whole number from 1 to "
              + most
              + " (default "
              + fallback
              + ")");
    }
    return (int) n;
  }
}

package io.axon.controller.observe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The TCP event-bus bridge. Off unless enabled; when on, it only lets clients listen to the public
 * lifecycle addresses, and accepts messages only for the addresses listed in {@code allowInbound}.
 *
 * @param enabled whether to open the bridge
 * @param host address to bind; loopback unless an operator opens it up
 * @param port TCP port
 * @param allowInbound addresses clients may send or publish to (exact names); empty by default
 * @param tls certificate and key (PEM) to serve TLS with, or empty for plain TCP
 */
public record BridgeSettings(
    boolean enabled, String host, int port, List<String> allowInbound, Optional<Tls> tls) {

  /**
   * PEM files for TLS.
   *
   * @param certPath certificate chain
   * @param keyPath private key (PKCS#8 or PKCS#1)
   */
  public record Tls(String certPath, String keyPath) {}

  /**
   * Reads the {@code bridge} section:
   *
   * <pre>
   * bridge:
   *   enabled: true
   *   host: 0.0.0.0                 # default 127.0.0.1
   *   port: 7000
   *   allowInbound: []              # exact addresses clients may send to; default none
   *   tls: {certPath: /etc/axon/bridge/tls.crt, keyPath: /etc/axon/bridge/tls.key}
   * </pre>
   */
  public static BridgeSettings fromJson(JsonObject json) {
    JsonObject tls = json.getJsonObject("tls");
    Optional<Tls> pem = Optional.empty();
    if (tls != null && (tls.getString("certPath") != null || tls.getString("keyPath") != null)) {
      if (tls.getString("certPath") == null || tls.getString("keyPath") == null) {
        throw new IllegalArgumentException(
            "bridge.tls needs both certPath and keyPath (PEM files); set both, or remove bridge.tls to serve plain TCP.");
      }
      pem = Optional.of(new Tls(tls.getString("certPath"), tls.getString("keyPath")));
    }
    List<String> inbound =
        json.getJsonArray("allowInbound", new JsonArray()).stream().map(String::valueOf).toList();
    if (inbound.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          "bridge.allowInbound lists an empty address; list exact event-bus addresses only.");
    }
    return new BridgeSettings(
        json.getBoolean("enabled", false),
        json.getString("host", "127.0.0.1"),
        json.getInteger("port", 7000),
        inbound,
        pem);
  }
}

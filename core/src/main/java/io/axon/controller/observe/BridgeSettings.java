package io.axon.controller.observe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The TCP event-bus bridge. Off unless enabled; when on, it only lets clients listen to the public
 * lifecycle addresses, and accepts messages only for the addresses listed in {@code allowInbound}.
 * Bound beyond loopback, it needs clients to prove who they are: a shared token (a file mounted
 * from a Secret) or a client certificate (mTLS).
 *
 * @param enabled whether to open the bridge
 * @param host address to bind; loopback unless an operator opens it up
 * @param port TCP port
 * @param allowInbound addresses clients may send or publish to (exact names); empty by default
 * @param tls certificate and key (PEM) to serve TLS with, or empty for plain TCP
 * @param tokenFile a file whose content every client frame must carry as {@code
 *     headers.authorization}, or empty
 */
public record BridgeSettings(
    boolean enabled,
    String host,
    int port,
    List<String> allowInbound,
    Optional<Tls> tls,
    Optional<String> tokenFile) {

  /**
   * PEM files for TLS.
   *
   * @param certPath certificate chain
   * @param keyPath private key (PKCS#8 or PKCS#1)
   * @param clientCAPath CA certificates that sign client certificates; when set, clients must
   *     present one (mTLS)
   */
  public record Tls(String certPath, String keyPath, Optional<String> clientCAPath) {}

  /** Whether clients must present a certificate. */
  public boolean mutualTls() {
    return tls.flatMap(Tls::clientCAPath).isPresent();
  }

  /**
   * Reads the {@code bridge} section:
   *
   * <pre>
   * bridge:
   *   enabled: true
   *   host: 0.0.0.0                 # default 127.0.0.1; beyond loopback needs auth below
   *   port: 7000
   *   allowInbound: []              # exact addresses clients may send to; default none
   *   auth: {tokenFile: /etc/axon/bridge-token/token}
   *   tls: {certPath: /etc/axon/bridge/tls.crt, keyPath: /etc/axon/bridge/tls.key,
   *         clientCAPath: /etc/axon/bridge/ca.crt}
   * </pre>
   */
  public static BridgeSettings fromJson(JsonObject json) {
    JsonObject tls = json.getJsonObject("tls");
    Optional<Tls> pem = Optional.empty();
    if (tls != null
        && (tls.getString("certPath") != null
            || tls.getString("keyPath") != null
            || tls.getString("clientCAPath") != null)) {
      if (tls.getString("certPath") == null || tls.getString("keyPath") == null) {
        throw new IllegalArgumentException(
            "bridge.tls needs both certPath and keyPath (PEM files); set both, or remove bridge.tls to serve plain TCP.");
      }
      pem =
          Optional.of(
              new Tls(
                  tls.getString("certPath"),
                  tls.getString("keyPath"),
                  Optional.ofNullable(tls.getString("clientCAPath"))));
    }
    List<String> inbound =
        json.getJsonArray("allowInbound", new JsonArray()).stream().map(String::valueOf).toList();
    if (inbound.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          "bridge.allowInbound lists an empty address; list exact event-bus addresses only.");
    }
    Optional<String> tokenFile =
        Optional.ofNullable(json.getJsonObject("auth", new JsonObject()).getString("tokenFile"))
            .filter(path -> !path.isBlank());
    BridgeSettings settings =
        new BridgeSettings(
            json.getBoolean("enabled", false),
            json.getString("host", "127.0.0.1"),
            json.getInteger("port", 7000),
            inbound,
            pem,
            tokenFile);
    if (settings.enabled()
        && !loopback(settings.host())
        && tokenFile.isEmpty()
        && !settings.mutualTls()) {
      throw new IllegalArgumentException(
          ("bridge.host %s listens beyond loopback, where any pod could read Task events: set"
                  + " bridge.auth.tokenFile (a file mounted from a Secret; clients send it as"
                  + " headers.authorization) or bridge.tls.clientCAPath (mTLS), or bind 127.0.0.1.")
              .formatted(settings.host()));
    }
    return settings;
  }

  private static boolean loopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      // Only literal addresses are parsed here: a name is not looked up.
      return host.matches("[0-9.]+|[0-9A-Fa-f:]+")
          && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}

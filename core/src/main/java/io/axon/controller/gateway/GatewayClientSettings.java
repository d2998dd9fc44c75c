package io.axon.controller.gateway;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Whether agent pods go through the Axon gateway, and where it is. Off by default: with it on, a
 * pod's model API, git remote and GitHub API are the gateway, so a cluster without one deployed
 * would run no agent.
 *
 * @param url the gateway as pods reach it, e.g. {@code http://axon-gateway.axon-system.svc:8080}
 */
public record GatewayClientSettings(boolean enabled, String url) {
  public static final GatewayClientSettings OFF = new GatewayClientSettings(false, "");

  public GatewayClientSettings {
    if (enabled && (url == null || !url.matches("https?://[^/\\s]+/?"))) {
      throw new IllegalArgumentException(
          "gateway.url must be the gateway's http(s)://HOST[:PORT] when gateway.enabled is true, got "
              + (url == null ? "nothing" : "\"" + url + "\""));
    }
    url = url == null ? "" : url.replaceAll("/+$", "");
  }

  public static GatewayClientSettings fromJson(JsonObject json) {
    boolean enabled = json.getBoolean("enabled", false);
    return new GatewayClientSettings(enabled, json.getString("url", enabled ? null : ""));
  }

  public Optional<String> activeUrl() {
    return enabled ? Optional.of(url) : Optional.empty();
  }
}

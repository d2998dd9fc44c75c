package io.axon.controller.gateway;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Whether agent pods go through the Axon gateway, and where it is. Off by default: with it on, a
 * pod's model API, git remote and GitHub API are the gateway, so a cluster without one deployed
 * would run no agent.
 *
 * @param url the gateway as pods reach it, e.g. {@code http://axon-gateway.axon-system.svc:8080}
 * @param networkPolicy the NetworkPolicy the controller keeps so those pods reach only the gateway
 */
public record GatewayClientSettings(
    boolean enabled, String url, AgentEgressSettings networkPolicy) {
  public static final GatewayClientSettings OFF =
      new GatewayClientSettings(false, "", AgentEgressSettings.OFF);

  public GatewayClientSettings(boolean enabled, String url) {
    this(enabled, url, AgentEgressSettings.fromJson(new JsonObject(), enabled, url));
  }

  public GatewayClientSettings {
    if (enabled && (url == null || !url.matches("https?://[^/\\s]+/?"))) {
      throw new IllegalArgumentException(
          "gateway.url must be the gateway's http(s)://HOST[:PORT] when gateway.enabled is true, got "
              + (url == null ? "nothing" : "\"" + url + "\""));
    }
    url = url == null ? "" : url.replaceAll("/+$", "");
    networkPolicy = networkPolicy == null ? AgentEgressSettings.OFF : networkPolicy;
  }

  public static GatewayClientSettings fromJson(JsonObject json) {
    boolean enabled = json.getBoolean("enabled", false);
    String url = json.getString("url", enabled ? null : "");
    return new GatewayClientSettings(
        enabled,
        url,
        AgentEgressSettings.fromJson(
            json.getJsonObject("networkPolicy", new JsonObject()), enabled, url));
  }

  public Optional<String> activeUrl() {
    return enabled ? Optional.of(url) : Optional.empty();
  }
}

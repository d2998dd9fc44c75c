package io.axon.controller.gateway;

import io.vertx.core.json.JsonObject;

/**
 * Where the controller-managed NetworkPolicy lets gateway-bound agent pods go: the gateway's pods
 * (in {@code gatewayNamespace}, on their container port {@code gatewayPort}) and the cluster DNS
 * (pods labelled {@code k8s-app: kube-dns} in {@code dnsNamespace}).
 *
 * @param enabled whether the controller keeps the policy in each namespace where it runs such pods
 */
public record AgentEgressSettings(
    boolean enabled, String gatewayNamespace, int gatewayPort, String dnsNamespace) {
  public static final AgentEgressSettings OFF =
      new AgentEgressSettings(false, "axon-system", 8080, "kube-system");

  public AgentEgressSettings {
    if (gatewayPort < 1 || gatewayPort > 65535) {
      throw new IllegalArgumentException(
          "gateway.networkPolicy.gatewayPort must be a port (1-65535), got " + gatewayPort);
    }
    for (String ns : new String[] {gatewayNamespace, dnsNamespace}) {
      if (ns == null || !ns.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
        throw new IllegalArgumentException(
            "gateway.networkPolicy namespaces must be namespace names, got \"" + ns + "\"");
      }
    }
  }

  /**
   * Reads {@code gateway.networkPolicy}; the gateway's namespace defaults to the one in {@code url}
   * ({@code http://SERVICE.NAMESPACE.svc...}), else {@code axon-system}.
   */
  public static AgentEgressSettings fromJson(JsonObject json, boolean gatewayEnabled, String url) {
    return new AgentEgressSettings(
        gatewayEnabled && json.getBoolean("enabled", true),
        json.getString("gatewayNamespace", namespaceOf(url)),
        json.getInteger("gatewayPort", 8080),
        json.getString("dnsNamespace", "kube-system"));
  }

  static String namespaceOf(String url) {
    if (url != null) {
      String host = url.replaceFirst("^https?://", "").replaceFirst("[:/].*$", "");
      String[] parts = host.split("\\.");
      if (parts.length >= 3 && "svc".equals(parts[2])) {
        return parts[1];
      }
    }
    return "axon-system";
  }
}

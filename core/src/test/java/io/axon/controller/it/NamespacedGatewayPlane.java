package io.axon.controller.it;

import io.axon.controller.Fixtures;
import io.axon.gateway.GatewaySettings;
import io.axon.gateway.GitHubAppTokens;
import io.axon.gateway.KubernetesGrants;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;

/**
 * What the namespaced gateway's ITs share: a real control plane with two namespaces, the Role and
 * RoleBinding of deploy/gateway-namespaced/rbac.yaml applied in {@link #SERVED} only, and a client
 * that impersonates the gateway's service account.
 */
final class NamespacedGatewayPlane implements AutoCloseable {
  static final String SERVED = "team-a";
  static final String OTHER = "team-b";
  static final String GATEWAY = "system:serviceaccount:axon-system:axon-gateway";

  final ControlPlane plane;
  final KubernetesClient client;
  KubernetesClient gatewayClient;
  Vertx vertx;

  private NamespacedGatewayPlane(ControlPlane plane) {
    this.plane = plane;
    this.client = plane.client();
  }

  static NamespacedGatewayPlane start() throws Exception {
    NamespacedGatewayPlane started = new NamespacedGatewayPlane(ControlPlane.builder().start());
    try {
      started.prepare();
      return started;
    } catch (Exception | AssertionError e) {
      started.close();
      throw e;
    }
  }

  private void prepare() throws Exception {
    plane.createNamespace(SERVED);
    plane.createNamespace(OTHER);
    try (InputStream in =
        Files.newInputStream(RepoPaths.root().resolve("deploy/gateway-namespaced/rbac.yaml"))) {
      for (HasMetadata item : client.load(in).items()) {
        client.resource(item).inNamespace(SERVED).create();
      }
    }
    Config asGateway = plane.config(ControlPlane.ADMIN);
    asGateway.setImpersonateUsername(GATEWAY);
    asGateway.setImpersonateGroups("system:serviceaccounts", "system:authenticated");
    gatewayClient = new KubernetesClientBuilder().withConfig(asGateway).build();
    vertx = Vertx.vertx();
  }

  /** The gateway's grants for these namespaces, as the gateway's service account; blocks. */
  KubernetesGrants grants(List<String> namespaces) {
    return new KubernetesGrants(
        vertx,
        gatewayClient,
        GatewaySettings.fromJson(new JsonObject().put("namespaces", new JsonArray(namespaces))),
        AgentRegistry.of(Fixtures.claudeLike()),
        new GitHubAppTokens(HttpClient.newHttpClient(), Clock.systemUTC()));
  }

  @Override
  public void close() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (gatewayClient != null) {
      gatewayClient.close();
    }
    plane.close();
  }
}

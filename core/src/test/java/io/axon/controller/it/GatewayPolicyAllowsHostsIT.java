package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.GatewayPolicy;
import io.axon.api.v1alpha1.GatewayPolicySpec;
import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.axon.gateway.GatewayAudit;
import io.axon.gateway.GatewayServer;
import io.axon.gateway.GatewaySettings;
import io.axon.gateway.GatewayTokenSecret;
import io.axon.gateway.GitHubAppTokens;
import io.axon.gateway.KubernetesGrants;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A namespace's GatewayPolicy adds to what its Tasks may reach: the gateway, with only its shipped
 * RBAC, lets a Task's plain HTTP request to a host the policy names through, and refuses it again
 * once the policy is gone (the schema's refusal of a bad entry is in CrdValidationIT).
 */
class GatewayPolicyAllowsHostsIT {
  static final String NS = "gateway-policy";
  static final String TASK = "uses-policy";
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  static ControlPlane plane;
  static KubernetesClient client;
  static KubernetesClient gatewayClient;
  static Vertx vertx;
  static HttpServer upstream;
  static KubernetesGrants grants;
  static GatewayServer gateway;
  static int gatewayPort;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.builder().start();
    client = plane.client();
    plane.createNamespace(NS);
    try (InputStream in =
        Files.newInputStream(RepoPaths.root().resolve("deploy/gateway/rbac.yaml"))) {
      for (HasMetadata item : client.load(in).items()) {
        client.resource(item).create();
      }
    }
    Config asGateway = plane.config(ControlPlane.ADMIN);
    asGateway.setImpersonateUsername("system:serviceaccount:axon-system:axon-gateway");
    asGateway.setImpersonateGroups("system:serviceaccounts", "system:authenticated");
    gatewayClient = new KubernetesClientBuilder().withConfig(asGateway).build();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("claude-oauth")
                .withNamespace(NS)
                .endMetadata()
                .withStringData(Map.of("CLAUDE_CODE_OAUTH_TOKEN", "sk-ant-oat-real"))
                .build())
        .create();
    Task task = client.resource(Fixtures.task(NS, TASK)).create();
    GatewayTokenSecret.ensure(client, task); // what the controller does before the Job
    token =
        new String(
            Base64.getDecoder()
                .decode(
                    client
                        .secrets()
                        .inNamespace(NS)
                        .withName(GatewayTokenSecret.name(TASK))
                        .get()
                        .getData()
                        .get(GatewayTokenSecret.KEY)),
            StandardCharsets.UTF_8);

    vertx = Vertx.vertx();
    upstream =
        vertx
            .createHttpServer()
            .requestHandler(in -> in.response().end("TEAM-MIRROR"))
            .listen(0, "127.0.0.1")
            .await();
    // A short grantCacheTTL: the gateway re-reads the namespace's policies at once, not in 30 s.
    GatewaySettings settings =
        GatewaySettings.fromJson(
            new JsonObject().put("host", "127.0.0.1").put("port", 0).put("grantCacheTTL", "100ms"));
    grants =
        vertx
            .executeBlocking(
                () ->
                    new KubernetesGrants(
                        vertx,
                        gatewayClient,
                        settings,
                        io.axon.spi.agent.AgentRegistry.of(Fixtures.claudeLike()),
                        new GitHubAppTokens(HttpClient.newHttpClient(), Clock.systemUTC())))
            .await();
    gateway = new GatewayServer(vertx, settings, grants, GatewayAudit.NONE);
    gatewayPort = gateway.start().await();
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close().await();
    }
    if (grants != null) {
      grants.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (gatewayClient != null) {
      gatewayClient.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aHostThePolicyNamesIsReachedUntilThePolicyIsGone() throws Exception {
    String mirror = "127.0.0.1:" + upstream.actualPort();
    assertThat(get().statusCode()).as("no policy yet: refused").isEqualTo(403);

    GatewayPolicy policy = policy("team-mirrors", List.of("GET " + mirror + "/simple/"));
    client.resource(policy).create();
    HttpResponse<String> allowed =
        Eventually.await(
            TIMEOUT,
            "the policy's host reached (grants are re-read after grantCacheTTL: 100ms)",
            GatewayPolicyAllowsHostsIT::get,
            r -> r.statusCode() == 200);
    assertThat(allowed.body()).isEqualTo("TEAM-MIRROR");

    client.resource(policy).delete();
    HttpResponse<String> refused =
        Eventually.await(
            TIMEOUT,
            "the host refused once the policy is gone",
            GatewayPolicyAllowsHostsIT::get,
            r -> r.statusCode() == 403);
    assertThat(refused.body()).contains("allowlist").doesNotContain("TEAM-MIRROR");
  }

  private static GatewayPolicy policy(String name, List<String> hosts) {
    GatewayPolicy policy = new GatewayPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    GatewayPolicySpec spec = new GatewayPolicySpec();
    spec.setAllowHosts(hosts);
    policy.setSpec(spec);
    return policy;
  }

  /** A plain HTTP GET through the gateway as the agent's proxy, with the Task's token. */
  private static HttpResponse<String> get() {
    HttpClient http =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", gatewayPort)))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + upstream.actualPort() + "/simple/pkg"))
            .header(
                "Proxy-Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(("axon:" + token).getBytes(StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(20))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

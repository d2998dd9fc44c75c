package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.GatewayStatus;
import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.axon.gateway.GatewayServer;
import io.axon.gateway.GatewaySettings;
import io.axon.gateway.GatewayTokenSecret;
import io.axon.gateway.GatewayUrls;
import io.axon.gateway.GitHubAppTokens;
import io.axon.gateway.KubernetesAudit;
import io.axon.gateway.KubernetesGrants;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway, running with only its shipped RBAC (deploy/gateway/rbac.yaml, as its service account
 * by impersonation), records a Task's traffic on the Task itself: a refused request is a Warning
 * Event GatewayRefused naming method and path (no credential), and the counts in {@code
 * status.gateway} survive the controller's own status writes up to the Task's end.
 */
class GatewayAuditOnTheTaskIT {
  static final String NS = "gateway-audit";
  static final String TASK = "audited";
  static final String REAL_OAUTH = "sk-ant-oat-audit-real";
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  static ControlPlane plane;
  static KubernetesClient client;
  static KubernetesClient gatewayClient;
  static ControllerInstance controller;
  static KwokPods pods;
  static Vertx vertx;
  static HttpServer model;
  static KubernetesGrants grants;
  static KubernetesAudit audit;
  static GatewayServer gateway;
  static String modelBase;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
    plane.createNamespace(NS);
    pods = new KwokPods(client, NS);
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
                .withStringData(Map.of("CLAUDE_CODE_OAUTH_TOKEN", REAL_OAUTH))
                .build())
        .create();
    controller =
        new ControllerInstance(
            plane,
            new JsonObject()
                .put(
                    "gateway",
                    new JsonObject()
                        .put("enabled", true)
                        .put("url", "http://axon-gateway.axon-system.svc:8080")));

    vertx = Vertx.vertx();
    model =
        vertx
            .createHttpServer()
            .requestHandler(in -> in.response().end("{}"))
            .listen(0, "127.0.0.1")
            .await();
    grants =
        vertx
            .executeBlocking(
                () ->
                    new KubernetesGrants(
                        vertx,
                        gatewayClient,
                        GatewaySettings.fromJson(new JsonObject()),
                        io.axon.spi.agent.AgentRegistry.of(Fixtures.claudeLike()),
                        new GitHubAppTokens(HttpClient.newHttpClient(), Clock.systemUTC())))
            .await();
    audit = new KubernetesAudit(vertx, gatewayClient, new SimpleMeterRegistry());
    gateway =
        new GatewayServer(
            vertx,
            GatewaySettings.fromJson(
                new JsonObject()
                    .put("host", "127.0.0.1")
                    .put("port", 0)
                    .put("modelBaseURL", "http://127.0.0.1:" + model.actualPort())),
            grants,
            audit);
    modelBase = GatewayUrls.modelBase("http://127.0.0.1:" + gateway.start().await());
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close().await();
    }
    if (audit != null) {
      audit.close();
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
    if (controller != null) {
      controller.close();
    }
    if (pods != null) {
      pods.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void refusalsAreEventsAndTheCountsStayOnTheTaskToItsEnd() {
    pods.runFor(TASK, "20s");
    client.resource(Fixtures.task(NS, TASK)).create();
    String token =
        Eventually.await(
                TIMEOUT,
                "the token Secret",
                () ->
                    client.secrets().inNamespace(NS).withName(GatewayTokenSecret.name(TASK)).get(),
                s -> s.getData() != null)
            .getData()
            .get(GatewayTokenSecret.KEY);
    String value = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);

    Eventually.await(
        TIMEOUT,
        "an allowed request",
        () -> call(value, "/v1/messages"),
        r -> r.statusCode() == 200);
    HttpResponse<String> refused = call(value, "/admin");
    assertThat(refused.statusCode()).isEqualTo(403);

    Event event =
        Eventually.await(
            TIMEOUT,
            "a GatewayRefused Event on the Task",
            () ->
                client.v1().events().inNamespace(NS).list().getItems().stream()
                    .filter(e -> KubernetesAudit.REASON.equals(e.getReason()))
                    .findFirst()
                    .orElse(null),
            e -> true);
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getInvolvedObject().getName()).isEqualTo(TASK);
    assertThat(event.getMessage())
        .contains("POST")
        .contains("/anthropic/admin")
        .doesNotContain(value);
    assertThat(event.getMessage()).doesNotContain(REAL_OAUTH);

    Task done =
        Eventually.await(
            TIMEOUT,
            "the Task finished with its gateway counts",
            () -> client.resources(Task.class).inNamespace(NS).withName(TASK).get(),
            t ->
                t.getStatus() != null
                    && t.getStatus().getPhase() != null
                    && t.getStatus().getPhase().isFinished()
                    && t.getStatus().getGateway() != null);
    GatewayStatus counts = done.getStatus().getGateway();
    assertThat(counts.getAllowed()).isGreaterThanOrEqualTo(1);
    assertThat(counts.getRefused()).isEqualTo(1);
  }

  private HttpResponse<String> call(String token, String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(modelBase + path))
              .header("x-api-key", token)
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

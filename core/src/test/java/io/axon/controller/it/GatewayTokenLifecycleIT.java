package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.controller.Fixtures;
import io.axon.gateway.GatewayAudit;
import io.axon.gateway.GatewayServer;
import io.axon.gateway.GatewaySettings;
import io.axon.gateway.GatewayTokenSecret;
import io.axon.gateway.GatewayUrls;
import io.axon.gateway.GitHubAppTokens;
import io.axon.gateway.KubernetesGrants;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code gateway.enabled}, a per-Task token lives exactly as long as its Task runs: the
 * controller mints it into a Secret the Task owns before the Job, the Job names no other Secret
 * (the real credentials stay out of the pod), the gateway takes the token while the Task runs and
 * puts the real credential upstream, refuses it once the Task has finished, and the Secret goes
 * with the Task.
 */
class GatewayTokenLifecycleIT {
  static final String NS = "gateway-tokens";
  static final String TASK = "through-gateway";
  static final String REAL_OAUTH = "sk-ant-oat-real-credential";
  static final String REAL_GITHUB = "ghp_real_github_token";
  static final String GATEWAY_URL = "http://axon-gateway.axon-system.svc:8080";
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  static ControlPlane plane;
  static KubernetesClient client;
  static ControllerInstance controller;
  static KwokPods pods;
  static Vertx vertx;
  static HttpServer model;
  static final List<MultiMap> modelSaw = new CopyOnWriteArrayList<>();
  static KubernetesGrants grants;
  static GatewayServer gateway;
  static String modelBase;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
    plane.createNamespace(NS);
    pods = new KwokPods(client, NS);
    client.resource(secret("claude-oauth", "CLAUDE_CODE_OAUTH_TOKEN", REAL_OAUTH)).create();
    client.resource(secret("github-token", "GITHUB_TOKEN", REAL_GITHUB)).create();
    Workspace workspace = new Workspace();
    workspace.setMetadata(new ObjectMetaBuilder().withName("app").withNamespace(NS).build());
    WorkspaceSpec spec = new WorkspaceSpec("https://github.com/acme/app.git", "main");
    spec.setSecretRef(new LocalObjectReference("github-token"));
    workspace.setSpec(spec);
    client.resource(workspace).create();
    controller =
        new ControllerInstance(
            plane,
            new JsonObject()
                .put("gateway", new JsonObject().put("enabled", true).put("url", GATEWAY_URL)));

    vertx = Vertx.vertx();
    model =
        vertx
            .createHttpServer()
            .requestHandler(
                in -> {
                  MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(in.headers());
                  modelSaw.add(headers);
                  in.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}");
                })
            .listen(0, "127.0.0.1")
            .await();
    grants =
        vertx
            .executeBlocking(
                () ->
                    new KubernetesGrants(
                        vertx,
                        client,
                        GatewaySettings.fromJson(new JsonObject()),
                        io.axon.spi.agent.AgentRegistry.of(Fixtures.claudeLike()),
                        new GitHubAppTokens(HttpClient.newHttpClient(), Clock.systemUTC())))
            .await();
    gateway =
        new GatewayServer(
            vertx,
            GatewaySettings.fromJson(
                new JsonObject()
                    .put("host", "127.0.0.1")
                    .put("port", 0)
                    .put("modelBaseURL", "http://127.0.0.1:" + model.actualPort())),
            grants,
            GatewayAudit.NONE);
    modelBase = GatewayUrls.modelBase("http://127.0.0.1:" + gateway.start().await());
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
  void theTokenIsMintedForTheJobWorksWhileTheTaskRunsAndNotAfter() throws Exception {
    // Long enough to check the token while the Task runs; then the pod succeeds and the Task ends.
    pods.runFor(TASK, "40s");
    Task task = Fixtures.task(NS, TASK);
    task.getSpec().setWorkspaceRef(new LocalObjectReference("app"));
    Task created = client.resource(task).create();

    Job job =
        Eventually.await(
            TIMEOUT,
            "the Task's Job",
            () -> client.batch().v1().jobs().inNamespace(NS).withName(TASK).get(),
            j -> j != null);
    Secret tokenSecret =
        client.secrets().inNamespace(NS).withName(GatewayTokenSecret.name(TASK)).get();
    assertThat(tokenSecret).as("the token Secret exists before the Job").isNotNull();
    assertThat(GatewayTokenSecret.ownedBy(tokenSecret, created.getMetadata().getUid())).isTrue();

    // The Job names only the token Secret: no reference to the real credentials at all.
    String jobJson = Serialization.asJson(job);
    assertThat(jobJson).doesNotContain("claude-oauth").doesNotContain("github-token");
    List<EnvVar> env = allEnv(job);
    assertThat(env.stream().filter(e -> e.getValueFrom() != null))
        .isNotEmpty()
        .allSatisfy(
            e ->
                assertThat(e.getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo(GatewayTokenSecret.name(TASK)));
    assertThat(env)
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("ANTHROPIC_BASE_URL");
              assertThat(e.getValue()).isEqualTo(GATEWAY_URL + "/anthropic");
            });
    assertThat(env)
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("AXON_REPO");
              assertThat(e.getValue()).isEqualTo(GATEWAY_URL + "/git/github.com/acme/app.git");
            });
    String token =
        new String(
            Base64.getDecoder().decode(tokenSecret.getData().get(GatewayTokenSecret.KEY)),
            StandardCharsets.UTF_8);
    assertThat(jobJson).doesNotContain(token);

    Eventually.await(
        TIMEOUT,
        "the pod running",
        () -> pod(),
        p -> p != null && "Running".equals(p.getStatus().getPhase()));
    HttpResponse<String> running =
        Eventually.await(
            TIMEOUT, "the gateway taking the token", () -> call(token), r -> r.statusCode() == 200);
    assertThat(running.body()).contains("ok");
    MultiMap saw = modelSaw.get(modelSaw.size() - 1);
    assertThat(saw.get("Authorization")).isEqualTo("Bearer " + REAL_OAUTH);
    assertThat(saw.toString()).doesNotContain(token);

    // The Task finishes when its pod does. (Not by deleting the pod: the Job's podFailurePolicy
    // waits for a terminal phase, which a pod kwok removes outright never reaches.)
    Eventually.await(
        TIMEOUT,
        "the Task finished",
        () -> client.resources(Task.class).inNamespace(NS).withName(TASK).get(),
        t ->
            t.getStatus() != null
                && t.getStatus().getPhase() != null
                && t.getStatus().getPhase().isFinished());
    HttpResponse<String> after =
        Eventually.await(
            TIMEOUT, "the token refused", () -> call(token), r -> r.statusCode() == 401);
    assertThat(after.body()).contains("not valid");

    client.resources(Task.class).inNamespace(NS).withName(TASK).delete();
    Eventually.await(
        TIMEOUT,
        "the token Secret garbage-collected with its Task",
        () ->
            java.util.Optional.ofNullable(
                client.secrets().inNamespace(NS).withName(GatewayTokenSecret.name(TASK)).get()),
        java.util.Optional::isEmpty);
  }

  private static Pod pod() {
    return client.pods().inNamespace(NS).withLabel("axon.io/task", TASK).list().getItems().stream()
        .findFirst()
        .orElse(null);
  }

  private HttpResponse<String> call(String token) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(modelBase + "/v1/messages"))
              .header("x-api-key", token)
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<EnvVar> allEnv(Job job) {
    var spec = job.getSpec().getTemplate().getSpec();
    List<EnvVar> env = new ArrayList<>();
    Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream())
        .forEach(c -> env.addAll(c.getEnv()));
    return env;
  }

  static Secret secret(String name, String key, String value) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withStringData(Map.of(key, value))
        .build();
  }
}

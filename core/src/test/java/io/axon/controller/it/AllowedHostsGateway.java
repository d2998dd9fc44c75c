package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.controller.Fixtures;
import io.axon.controller.credentials.CredentialHosts;
import io.axon.gateway.GatewayServer;
import io.axon.gateway.GatewaySettings;
import io.axon.gateway.GatewayTokenSecret;
import io.axon.gateway.GitHubAppTokens;
import io.axon.gateway.KubernetesAudit;
import io.axon.gateway.KubernetesGrants;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What the ITs of the Workspace Secret's {@code axon.io/allowed-hosts} share: a real control plane
 * with the gateway's shipped RBAC (the gateway impersonates its service account), a Task whose
 * Workspace's Secret lists only 127.0.0.1, a plain HTTP upstream on 127.0.0.1 that records what
 * reaches it, and the gateway in-process with the GitHub API at {@code localhost}: the same server
 * by a name the Secret does not list.
 */
final class AllowedHostsGateway implements AutoCloseable {
  static final String NS = "gateway-hosts";
  static final String TASK = "edits-its-repo";
  static final String REAL_GIT = "ghp_gateway_hosts_real";
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  /** What the upstream saw: the Host it was asked for and the Authorization it got. */
  record Seen(String host, String authorization, String path) {}

  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final HttpClient http =
      HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
  ControlPlane plane;
  KubernetesClient client;
  private KubernetesClient gatewayClient;
  private Vertx vertx;
  HttpServer upstream;
  private KubernetesGrants grants;
  private KubernetesAudit audit;
  private GatewayServer gateway;
  private int gatewayPort;
  String token;

  private AllowedHostsGateway() {}

  /**
   * Starts it all.
   *
   * @param grantCacheTtl the gateway's {@code grantCacheTTL}: how soon it re-reads the Workspace
   */
  static AllowedHostsGateway start(String grantCacheTtl) throws Exception {
    AllowedHostsGateway started = new AllowedHostsGateway();
    try {
      started.startAll(grantCacheTtl);
      return started;
    } catch (Exception | AssertionError e) {
      started.close();
      throw e;
    }
  }

  private void startAll(String grantCacheTtl) throws Exception {
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

    vertx = Vertx.vertx();
    upstream =
        vertx
            .createHttpServer()
            .requestHandler(
                in -> {
                  seen.add(
                      new Seen(in.getHeader("Host"), in.getHeader("Authorization"), in.path()));
                  in.response().end("{}");
                })
            .listen(0, "127.0.0.1")
            .await();
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
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("gh")
                .withNamespace(NS)
                .withAnnotations(Map.of(CredentialHosts.ANNOTATION, "127.0.0.1"))
                .endMetadata()
                .withStringData(Map.of("GITHUB_TOKEN", REAL_GIT))
                .build())
        .create();
    client.resource(workspace(repoAt("127.0.0.1"))).create();
    Task task = Fixtures.task(NS, TASK);
    task.getSpec().setWorkspaceRef(new LocalObjectReference("ws"));
    task = client.resource(task).create();
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

    GatewaySettings settings =
        GatewaySettings.fromJson(
            new JsonObject()
                .put("host", "127.0.0.1")
                .put("port", 0)
                // The same server by another name: a host the Secret does not list.
                .put("githubAPIBaseURL", "http://localhost:" + upstream.actualPort())
                .put("grantCacheTTL", grantCacheTtl));
    grants =
        vertx
            .executeBlocking(
                () ->
                    new KubernetesGrants(
                        vertx,
                        gatewayClient,
                        settings,
                        AgentRegistry.of(Fixtures.claudeLike()),
                        new GitHubAppTokens(HttpClient.newHttpClient(), Clock.systemUTC())))
            .await();
    audit = new KubernetesAudit(vertx, gatewayClient, metrics);
    gateway = new GatewayServer(vertx, settings, grants, audit);
    gatewayPort = gateway.start().await();
  }

  @Override
  public void close() {
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
    if (plane != null) {
      plane.close();
    }
  }

  /**
   * Waits for the refusal's Event, asking {@code again} meanwhile: the gateway writes at most 10
   * Events a minute per Task, and refusals while the gateway still held the old grant may have used
   * up this minute's.
   */
  void assertRefusalAudited(String route, String host, Supplier<HttpResponse<String>> again) {
    double refusedBefore = refusedCount(route);
    HttpResponse<String> refusedAgain = again.get();
    assertThat(refusedAgain.statusCode()).isEqualTo(403);
    assertThat(refusedAgain.body()).contains("sent to " + host);
    assertThat(refusedCount(route)).as("this refusal counted").isGreaterThan(refusedBefore);
    Event event =
        Eventually.await(
            Duration.ofSeconds(150),
            "a GatewayRefused Event naming " + host,
            () ->
                client.v1().events().inNamespace(NS).list().getItems().stream()
                    .filter(e -> KubernetesAudit.REASON.equals(e.getReason()))
                    .filter(e -> e.getMessage().contains("sent to " + host))
                    .filter(e -> e.getMessage().contains(route.equals("git") ? "git route" : "API"))
                    .findFirst()
                    .orElseGet(
                        () -> {
                          again.get();
                          return null;
                        }),
            e -> true);
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getInvolvedObject().getName()).isEqualTo(TASK);
    assertThat(event.getMessage()).doesNotContain(REAL_GIT).doesNotContain(token);
  }

  private double refusedCount(String route) {
    var counter =
        metrics
            .find("axon_gateway_requests")
            .tag("route", route)
            .tag("decision", "refused")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  String repoAt(String host) {
    return "http://" + host + ":" + upstream.actualPort() + "/acme/app.git";
  }

  private static Workspace workspace(String repo) {
    Workspace workspace = new Workspace();
    workspace.setMetadata(new ObjectMetaBuilder().withName("ws").withNamespace(NS).build());
    WorkspaceSpec spec = new WorkspaceSpec(repo, "main");
    spec.setSecretRef(new LocalObjectReference("gh"));
    spec.setAllowTokenOverHTTP(true); // the upstream is plain HTTP on 127.0.0.1
    workspace.setSpec(spec);
    return workspace;
  }

  /** git's first request of a fetch, on the gateway's git route for the Workspace's repo. */
  HttpResponse<String> git() {
    String repo =
        client.resources(Workspace.class).inNamespace(NS).withName("ws").get().getSpec().getRepo();
    String path = repo.replaceFirst("^http://", "/git/") + "/info/refs?service=git-upload-pack";
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path))
            .header("Authorization", basic("x-access-token", token)));
  }

  /** The GitHub REST API as gh and the agent reach it: the gateway's /github route. */
  HttpResponse<String> githubApi() {
    return send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gatewayPort + "/github/repos/acme/app"))
            .header("Authorization", "Bearer " + token));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}

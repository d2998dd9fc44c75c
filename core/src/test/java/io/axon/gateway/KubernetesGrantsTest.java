package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.axon.api.v1alpha1.Credentials;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.Fixtures;
import io.axon.controller.credentials.CredentialHosts;
import io.axon.controller.it.Eventually;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Grants read from the cluster (CRUD mock API server): a token the controller minted resolves to
 * its Task's real credentials, its Workspace's repository and token (or a GitHub App's installation
 * token), its issue and annotations; a wrong value, a Secret of another Task, or a finished Task
 * resolves to nothing.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesGrantsTest {
  static final String NS = Fixtures.NAMESPACE;
  KubernetesClient client;
  Vertx vertx;
  KubernetesGrants grants;
  HttpServer github;
  final AtomicInteger minted = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    github = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    github.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] answer =
              ("{\"token\":\"ghs_app_"
                      + minted.incrementAndGet()
                      + "\",\"expires_at\":\""
                      + Instant.now().plus(Duration.ofHours(1))
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(201, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    github.start();
    client
        .resource(secret("claude-oauth", Map.of("CLAUDE_CODE_OAUTH_TOKEN", "sk-ant-oat-real")))
        .create();
    grants =
        vertx
            .executeBlocking(
                () ->
                    new KubernetesGrants(
                        vertx,
                        client,
                        GatewaySettings.fromJson(
                            new JsonObject()
                                .put("allowHosts", new JsonArray().add("pypi.org"))
                                .put(
                                    "githubAPIBaseURL",
                                    "http://127.0.0.1:" + github.getAddress().getPort())),
                        AgentRegistry.of(Fixtures.claudeLike()),
                        new GitHubAppTokens(HttpClient.newHttpClient(), Clock.systemUTC())))
            .await();
  }

  @AfterEach
  void stop() {
    grants.close();
    vertx.close().await();
    github.stop(0);
  }

  @Test
  void aMintedTokenResolvesToItsTasksCredentialsUntilTheTaskFinishes() {
    client.resource(secret("gh", Map.of("GITHUB_TOKEN", "ghp_real"))).create();
    client.resource(workspace("ws", "gh")).create();
    Task task = Fixtures.task(NS, "fix-42");
    task.getSpec().setWorkspaceRef(new LocalObjectReference("ws"));
    task.getMetadata().setLabels(Map.of("axon.io/item", "42"));
    task.getMetadata()
        .setAnnotations(
            Map.of(KubernetesGrants.ALLOW_HOSTS_ANNOTATION, "registry.npmjs.org, bad host"));
    Task created = client.resource(task).create();
    GatewayTokenSecret.ensure(client, created);
    GatewayTokenSecret.ensure(client, created); // idempotent: the same token
    String token = token("fix-42");

    TaskGrant grant = await(token, Optional::isPresent).orElseThrow();
    assertThat(grant.oauth()).isTrue();
    assertThat(grant.modelCredential()).isEqualTo("sk-ant-oat-real");
    assertThat(grant.gitToken()).contains("ghp_real");
    assertThat(grant.gitTokenScope())
        .isEqualTo(new GitTokenScope("gh", CredentialHosts.DEFAULT)); // no annotation
    assertThat(grant.repo().orElseThrow()).hasToString("https://github.com/acme/app.git");
    assertThat(grant.ownIssues()).containsExactly(42L);
    assertThat(grant.egress().decideTunnel("registry.npmjs.org", 443).allowed()).isTrue();
    assertThat(grant.egress().decideTunnel("pypi.org", 443).allowed()).isTrue();
    assertThat(grant.push().branchPrefixes()).containsExactly("axon/fix-42");
    assertThat(grant.toString()).doesNotContain("sk-ant").doesNotContain("ghp_");

    String wrong = GatewayToken.mint(NS, "fix-42").value();
    assertThat(grants.resolve(wrong).await()).isEmpty();
    assertThat(grants.resolve("sk-ant-oat-real").await()).isEmpty();

    TaskStatus status = new TaskStatus();
    status.setPhase(TaskPhase.Succeeded);
    created = client.resources(Task.class).inNamespace(NS).withName("fix-42").get();
    created.setStatus(status);
    client.resource(created).updateStatus();
    assertThat(await(token, Optional::isEmpty)).isEmpty();
  }

  @Test
  void aTokenSecretOfAnotherTaskOfTheSameNameIsNotAccepted() {
    Task created = client.resource(Fixtures.task(NS, "reborn")).create();
    GatewayTokenSecret.ensure(client, created);
    String token = token("reborn");
    assertThat(await(token, Optional::isPresent)).isPresent();
    Secret stolen = client.secrets().inNamespace(NS).withName("reborn-axon-gateway").get();
    stolen.getMetadata().getOwnerReferences().get(0).setUid("another-task");
    client.secrets().inNamespace(NS).withName("reborn-axon-gateway").delete();
    stolen.getMetadata().setResourceVersion(null);
    client.resource(stolen).create();
    KubernetesGrants fresh =
        vertx
            .executeBlocking(
                () ->
                    new KubernetesGrants(
                        vertx,
                        client,
                        GatewaySettings.fromJson(new JsonObject()),
                        AgentRegistry.of(Fixtures.claudeLike()),
                        new GitHubAppTokens(HttpClient.newHttpClient(), Clock.systemUTC())))
            .await();
    try {
      assertThat(awaitWith(fresh, token, t -> true)).isEmpty();
    } finally {
      fresh.close();
    }
  }

  @Test
  void aCodexTasksTokenCarriesItsOpenAiKeyForTheOpenAiRouteOnly() {
    client.resource(secret("openai", Map.of("OPENAI_API_KEY", "sk-proj-real"))).create();
    Task task = Fixtures.task(NS, "with-codex");
    task.getSpec().setType("codex");
    task.getSpec().setCredentials(new Credentials(CredentialType.API_KEY, "openai"));
    GatewayTokenSecret.ensure(client, client.resource(task).create());
    KubernetesGrants withCodex =
        vertx
            .executeBlocking(
                () ->
                    new KubernetesGrants(
                        vertx,
                        client,
                        GatewaySettings.fromJson(new JsonObject()),
                        AgentRegistry.of(AgentRegistry.load().find("codex").orElseThrow()),
                        new GitHubAppTokens(HttpClient.newHttpClient(), Clock.systemUTC())))
            .await();
    try {
      TaskGrant grant =
          awaitWith(withCodex, token("with-codex"), Optional::isPresent).orElseThrow();
      assertThat(grant.modelProvider()).isEqualTo(ModelProvider.OPENAI);
      assertThat(grant.modelCredential()).isEqualTo("sk-proj-real");
    } finally {
      withCodex.close();
    }
  }

  @Test
  void aGitHubAppSecretGivesAnInstallationToken() {
    Secret app = appSecret("app");
    app.getMetadata().setAnnotations(Map.of(CredentialHosts.ANNOTATION, "github.com, 127.0.0.1"));
    client.resource(app).create();
    client.resource(workspace("ws-app", "app")).create();
    Task task = Fixtures.task(NS, "with-app");
    task.getSpec().setWorkspaceRef(new LocalObjectReference("ws-app"));
    Task created = client.resource(task).create();
    GatewayTokenSecret.ensure(client, created);

    TaskGrant grant = await(token("with-app"), Optional::isPresent).orElseThrow();
    assertThat(grant.gitToken()).contains("ghs_app_1");
    assertThat(grant.gitTokenScope().hosts()).containsExactly("github.com", "127.0.0.1");
    assertThat(minted).hasValue(1);
  }

  @Test
  void aGitHubAppSecretThatDoesNotAllowTheTokenEndpointsHostMintsNothing() {
    client.resource(appSecret("app-default")).create(); // allows github.com, api.github.com
    client.resource(workspace("ws-app-default", "app-default")).create();
    Task task = Fixtures.task(NS, "app-elsewhere");
    task.getSpec().setWorkspaceRef(new LocalObjectReference("ws-app-default"));
    Task created = client.resource(task).create();
    GatewayTokenSecret.ensure(client, created);

    TaskGrant grant = await(token("app-elsewhere"), Optional::isPresent).orElseThrow();
    assertThat(grant.gitToken()).isEmpty();
    assertThat(minted).as("nothing signed with the App's key went to 127.0.0.1").hasValue(0);
    assertThat(
            grant.gitTokenRefusal(
                java.net.URI.create("https://github.com/acme/app.git"), "the git route"))
        .as("every use of the token is refused, saying why, not sent on without credentials")
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .contains(
                        "Secret \"app-default\" does not allow its token to be sent to 127.0.0.1")
                    .contains("GitHub App token request"));
  }

  private static Secret appSecret(String name) {
    return secret(
        name,
        Map.of(
            "GITHUB_APP_ID", "12345",
            "GITHUB_APP_INSTALLATION_ID", "678",
            "GITHUB_APP_PRIVATE_KEY", GitHubAppTokensTest.pkcs8Pem()));
  }

  private Optional<TaskGrant> await(String token, Predicate<Optional<TaskGrant>> done) {
    return awaitWith(grants, token, done);
  }

  private static Optional<TaskGrant> awaitWith(
      KubernetesGrants grants, String token, Predicate<Optional<TaskGrant>> done) {
    return Eventually.await(
        Duration.ofSeconds(20),
        "the informer's view of the token's grant",
        () -> grants.resolve(token).await(),
        done);
  }

  private String token(String task) {
    Secret secret = client.secrets().inNamespace(NS).withName(GatewayTokenSecret.name(task)).get();
    String value =
        secret.getData() != null && secret.getData().containsKey(GatewayTokenSecret.KEY)
            ? new String(
                Base64.getDecoder().decode(secret.getData().get(GatewayTokenSecret.KEY)),
                StandardCharsets.UTF_8)
            : secret.getStringData().get(GatewayTokenSecret.KEY);
    assertThat(GatewayToken.parse(value)).isPresent();
    return value;
  }

  static Secret secret(String name, Map<String, String> data) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withStringData(data)
        .build();
  }

  static Workspace workspace(String name, String secret) {
    Workspace workspace = Fixtures.workspace(name);
    workspace.getSpec().setRepo("https://github.com/acme/app.git");
    workspace.getSpec().setSecretRef(new LocalObjectReference(secret));
    return workspace;
  }
}

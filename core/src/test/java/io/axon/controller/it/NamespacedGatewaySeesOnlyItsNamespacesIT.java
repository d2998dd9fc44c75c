package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.axon.gateway.GatewaySettings;
import io.axon.gateway.GatewayTokenSecret;
import io.axon.gateway.GitHubAppTokens;
import io.axon.gateway.KubernetesGrants;
import io.axon.gateway.TaskGrant;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway installed as deploy/gateway-namespaced says (a Role from its rbac.yaml in each served
 * namespace, no ClusterRole) starts, grants the Tasks of those namespaces, and neither sees a Task
 * nor may read a Secret anywhere else.
 */
class NamespacedGatewaySeesOnlyItsNamespacesIT {
  static final String SERVED = "team-a";
  static final String OTHER = "team-b";
  static final String GATEWAY = "system:serviceaccount:axon-system:axon-gateway";

  static ControlPlane plane;
  static KubernetesClient client;
  static KubernetesClient gatewayClient;
  static Vertx vertx;
  static KubernetesGrants grants;

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.builder().start();
    client = plane.client();
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
    grants =
        vertx
            .executeBlocking(
                () ->
                    new KubernetesGrants(
                        vertx,
                        gatewayClient,
                        List.of(),
                        AgentRegistry.of(Fixtures.claudeLike()),
                        "https://api.github.com",
                        new GitHubAppTokens(HttpClient.newHttpClient(), Clock.systemUTC()),
                        List.of(SERVED)))
            .await();
  }

  @AfterAll
  static void stop() {
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
  void itsRolesSufficeInItsNamespacesAndGiveNothingElsewhere() throws Exception {
    assertThat(grants.watching()).as("the served namespace's informer runs on its Role").isTrue();

    String served = taskWithToken(SERVED, "sk-ant-oat-team-a");
    String other = taskWithToken(OTHER, "sk-ant-oat-team-b");

    Optional<TaskGrant> grant =
        Eventually.await(
            Duration.ofSeconds(30),
            "the served namespace's Task in the gateway's informer",
            () -> grants.resolve(served).await(),
            Optional::isPresent);
    assertThat(grant.get().modelCredential()).isEqualTo("sk-ant-oat-team-a");
    assertThat(grants.resolve(other).await())
        .as("a valid token of a namespace the gateway does not serve")
        .isEmpty();

    assertThat(allowed("get", "secrets", SERVED)).isTrue();
    assertThat(allowed("list", "secrets", SERVED)).as("get by name only").isFalse();
    for (String elsewhere : List.of(OTHER, "kube-system", "default")) {
      assertThat(allowed("get", "secrets", elsewhere)).as("secrets in %s", elsewhere).isFalse();
      assertThat(allowed("list", "tasks", elsewhere)).as("tasks in %s", elsewhere).isFalse();
    }
    assertThat(allowed("list", "tasks", "")).as("tasks in every namespace").isFalse();
  }

  @Test
  void aListedNamespaceWithoutItsRoleStopsTheStartNamingItAndTheFix() {
    assertThatThrownBy(
            () ->
                new KubernetesGrants(
                    vertx,
                    gatewayClient,
                    List.of(),
                    AgentRegistry.of(Fixtures.claudeLike()),
                    "https://api.github.com",
                    new GitHubAppTokens(HttpClient.newHttpClient(), Clock.systemUTC()),
                    List.of(SERVED, OTHER)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "cannot list and watch Tasks in namespace team-b (HTTP 403): apply"
                + " deploy/gateway-namespaced/rbac.yaml there (kubectl apply -n team-b -f ...), or"
                + " take it out of namespaces:");
  }

  @Test
  void theOverlayShipsNoClusterRoleAndServesTheNamespacesItLists() throws Exception {
    Path kubectl = ControlPlaneBinaries.dir().resolve("kubectl");
    Process process =
        new ProcessBuilder(
                kubectl.toString(),
                "kustomize",
                RepoPaths.root().resolve("deploy/gateway-namespaced").toString())
            .redirectErrorStream(true)
            .start();
    String rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as(rendered).isTrue();
    assertThat(process.exitValue()).as(rendered).isZero();

    List<HasMetadata> objects =
        client.load(new ByteArrayInputStream(rendered.getBytes(StandardCharsets.UTF_8))).items();
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains("Deployment", "ConfigMap", "ServiceAccount")
        .doesNotContain("ClusterRole", "ClusterRoleBinding");
    String settings =
        objects.stream()
            .filter(ConfigMap.class::isInstance)
            .map(o -> ((ConfigMap) o).getData().get("gateway.yaml"))
            .findFirst()
            .orElseThrow();
    Map<String, Object> yaml = client.getKubernetesSerialization().unmarshal(settings, Map.class);
    assertThat(GatewaySettings.fromJson(new JsonObject(yaml)).namespaces())
        .containsExactly("team-a", "team-b");
  }

  /** A Task with its credential Secret and its gateway token Secret; returns the token. */
  private static String taskWithToken(String namespace, String credential) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("claude-oauth")
                .withNamespace(namespace)
                .endMetadata()
                .withStringData(Map.of("CLAUDE_CODE_OAUTH_TOKEN", credential))
                .build())
        .create();
    Task task = client.resource(Fixtures.task(namespace, "work")).create();
    GatewayTokenSecret.ensure(client, task);
    return new String(
        Base64.getDecoder()
            .decode(
                client
                    .secrets()
                    .inNamespace(namespace)
                    .withName(GatewayTokenSecret.name("work"))
                    .get()
                    .getData()
                    .get(GatewayTokenSecret.KEY)),
        StandardCharsets.UTF_8);
  }

  private static boolean allowed(String verb, String resource, String namespace) {
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withNewResourceAttributes()
            .withVerb(verb)
            .withGroup(resource.equals("secrets") ? "" : "axon.io")
            .withResource(resource)
            .withNamespace(namespace)
            .endResourceAttributes()
            .endSpec()
            .build();
    return gatewayClient
        .authorization()
        .v1()
        .selfSubjectAccessReview()
        .create(review)
        .getStatus()
        .getAllowed();
  }
}

package io.axon.controller.it;

import static io.axon.controller.it.NamespacedGatewayPlane.OTHER;
import static io.axon.controller.it.NamespacedGatewayPlane.SERVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.axon.gateway.GatewayTokenSecret;
import io.axon.gateway.KubernetesGrants;
import io.axon.gateway.TaskGrant;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A gateway installed as deploy/gateway-namespaced says (a Role from its rbac.yaml in each served
 * namespace, no ClusterRole) starts, grants the Tasks of those namespaces, and neither sees a Task
 * nor may read a Secret anywhere else.
 */
class NamespacedGatewaySeesOnlyItsNamespacesIT {

  @Test
  void itsRolesSufficeInItsNamespacesAndGiveNothingElsewhere() throws Exception {
    try (NamespacedGatewayPlane n = NamespacedGatewayPlane.start();
        KubernetesGrants grants =
            n.vertx.executeBlocking(() -> n.grants(List.of(SERVED))).await()) {
      assertThat(grants.watching()).as("the served namespace's informer runs on its Role").isTrue();

      String served = taskWithToken(n.client, SERVED, "sk-ant-oat-team-a");
      String other = taskWithToken(n.client, OTHER, "sk-ant-oat-team-b");

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

      assertThat(allowed(n, "get", "secrets", SERVED)).isTrue();
      assertThat(allowed(n, "list", "secrets", SERVED)).as("get by name only").isFalse();
      for (String elsewhere : List.of(OTHER, "kube-system", "default")) {
        assertThat(allowed(n, "get", "secrets", elsewhere))
            .as("secrets in %s", elsewhere)
            .isFalse();
        assertThat(allowed(n, "list", "tasks", elsewhere)).as("tasks in %s", elsewhere).isFalse();
      }
      assertThat(allowed(n, "list", "tasks", "")).as("tasks in every namespace").isFalse();
    }
  }

  /** A Task with its credential Secret and its gateway token Secret; returns the token. */
  private static String taskWithToken(
      KubernetesClient client, String namespace, String credential) {
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

  /** Whether the gateway's service account may do this (a SelfSubjectAccessReview as it). */
  private static boolean allowed(
      NamespacedGatewayPlane n, String verb, String resource, String namespace) {
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
    return n.gatewayClient
        .authorization()
        .v1()
        .selfSubjectAccessReview()
        .create(review)
        .getStatus()
        .getAllowed();
  }
}

package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The namespaced install (deploy/namespaced/rbac.yaml rendered for a and b, as {@code axon install
 * --namespaces a,b} does): the controller's service account can read no Secret and create no Job
 * outside a and b, and a controller watching a and b with only those rights runs a Task in a and
 * leaves one in c untouched.
 */
class NamespacedInstallIT {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final String SERVICE_ACCOUNT = "system:serviceaccount:axon-system:axon-controller";

  static ControlPlane plane;
  static KubernetesClient admin;
  static KubernetesClient asServiceAccount;
  static ControllerInstance controller;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().namespacedRbac("a", "b").start();
    admin = plane.client();
    plane.createNamespace("c");
    for (String namespace : new String[] {"a", "b", "c", "kube-system"}) {
      admin.resource(secret(namespace)).create();
    }
    Config config = plane.config(ControlPlane.ADMIN);
    config.setImpersonateUsername(SERVICE_ACCOUNT);
    config.setImpersonateGroups("system:serviceaccounts", "system:authenticated");
    asServiceAccount = new KubernetesClientBuilder().withConfig(config).build();
    controller =
        new ControllerInstance(
            plane, new JsonObject().put("namespaces", new JsonArray().add("a").add("b")));
  }

  @AfterAll
  static void stop() {
    if (controller != null) {
      controller.close();
    }
    if (asServiceAccount != null) {
      asServiceAccount.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void theServiceAccountReadsSecretsAndCreatesJobsOnlyInItsNamespaces() {
    assertThat(asServiceAccount.secrets().inNamespace("a").withName("claude-oauth").get())
        .isNotNull();
    assertThat(asServiceAccount.secrets().inNamespace("b").withName("claude-oauth").get())
        .isNotNull();
    for (String namespace : new String[] {"c", "kube-system"}) {
      assertThatThrownBy(
              () ->
                  asServiceAccount.secrets().inNamespace(namespace).withName("claude-oauth").get())
          .as("get Secret in " + namespace)
          .isInstanceOf(KubernetesClientException.class)
          .extracting(e -> ((KubernetesClientException) e).getCode())
          .isEqualTo(403);
      assertThatThrownBy(() -> asServiceAccount.resource(job(namespace)).create())
          .as("create Job in " + namespace)
          .isInstanceOf(KubernetesClientException.class)
          .extracting(e -> ((KubernetesClientException) e).getCode())
          .isEqualTo(403);
    }
    // No right at cluster scope either: not even listing Secrets or Jobs across namespaces.
    assertThatThrownBy(() -> asServiceAccount.secrets().inAnyNamespace().list())
        .isInstanceOf(KubernetesClientException.class)
        .extracting(e -> ((KubernetesClientException) e).getCode())
        .isEqualTo(403);
    assertThatThrownBy(() -> asServiceAccount.batch().v1().jobs().inAnyNamespace().list())
        .isInstanceOf(KubernetesClientException.class)
        .extracting(e -> ((KubernetesClientException) e).getCode())
        .isEqualTo(403);
  }

  @Test
  void aTaskInAWatchedNamespaceRunsAndOneElsewhereIsNotTouched() {
    // c's first: when a's Task has its Job, the controller has had every chance to act on c's.
    admin.resource(Fixtures.task("c", "outside")).create();
    admin.resource(Fixtures.task("a", "inside")).create();

    Eventually.await(
        TIMEOUT,
        "Job a/inside",
        () -> admin.batch().v1().jobs().inNamespace("a").withName("inside").get(),
        job -> true);
    Eventually.await(
        TIMEOUT,
        "Task a/inside has a status",
        () -> admin.resources(Task.class).inNamespace("a").withName("inside").get(),
        task -> task.getStatus() != null && task.getStatus().getPhase() != null);

    Task outside = admin.resources(Task.class).inNamespace("c").withName("outside").get();
    assertThat(outside.getStatus()).isNull();
    assertThat(outside.getMetadata().getFinalizers()).isEmpty();
    assertThat(admin.batch().v1().jobs().inNamespace("c").list().getItems()).isEmpty();
  }

  static io.fabric8.kubernetes.api.model.Secret secret(String namespace) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("claude-oauth")
        .withNamespace(namespace)
        .endMetadata()
        .addToStringData("CLAUDE_CODE_OAUTH_TOKEN", "oauth-token-" + namespace)
        .build();
  }

  static io.fabric8.kubernetes.api.model.batch.v1.Job job(String namespace) {
    return new JobBuilder()
        .withNewMetadata()
        .withName("probe")
        .withNamespace(namespace)
        .endMetadata()
        .withNewSpec()
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("probe")
        .withImage("busybox")
        .endContainer()
        .withRestartPolicy("Never")
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}

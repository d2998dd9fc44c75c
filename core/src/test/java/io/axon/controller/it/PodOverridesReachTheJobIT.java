package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.status.TaskConditions;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Task's image and podOverrides, accepted by the real API server, reach the Job the controller
 * creates; Axon's own variable wins over the Task's and the Task's Accepted condition says so; with
 * workload identity the pod runs as the named service account with its token.
 */
class PodOverridesReachTheJobIT {
  static final String NS = "pod-overrides";
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static ControlPlane plane;
  static KubernetesClient client;
  static ControllerInstance controller;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    plane.createNamespace(NS);
    controller = new ControllerInstance(plane);
  }

  @AfterAll
  static void stop() {
    if (controller != null) {
      controller.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void theJobCarriesTheOverridesAndAxonsOwnVariableWins() {
    client
        .resource(
            ItFixtures.yaml(
                """
                apiVersion: axon.io/v1alpha1
                kind: Task
                metadata: {name: tuned, namespace: %s}
                spec:
                  type: claude-code
                  prompt: hi
                  credentials: {type: oauth, secretRef: {name: claude-oauth}}
                  image: registry.example.com/team/agent:1.2
                  podOverrides:
                    resources:
                      requests: {cpu: "1"}
                      limits: {memory: 8Gi}
                    nodeSelector: {pool: agents}
                    tolerations: [{key: dedicated, operator: Equal, value: agents, effect: NoSchedule}]
                    env:
                    - {name: LOG_LEVEL, value: debug}
                    - {name: CLAUDE_CODE_OAUTH_TOKEN, value: not-this-one}
                    imagePullSecrets: [{name: registry}]
                    activeDeadlineSeconds: 900
                    labels: {team: a}
                    annotations: {example.com/cost-center: "42"}
                    serviceAccountName: agent-sa
                """
                    .formatted(NS)))
        .create();

    Job job = awaitJob("tuned");

    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(900L);
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container agent = pod.getContainers().get(0);
    assertThat(agent.getImage()).isEqualTo("registry.example.com/team/agent:1.2");
    assertThat(agent.getResources().getRequests()).containsEntry("cpu", new Quantity("1"));
    assertThat(agent.getResources().getLimits()).containsEntry("memory", new Quantity("8Gi"));
    assertThat(pod.getNodeSelector()).containsEntry("pool", "agents");
    assertThat(pod.getTolerations()).hasSize(1);
    assertThat(pod.getImagePullSecrets().get(0).getName()).isEqualTo("registry");
    assertThat(pod.getServiceAccountName()).isEqualTo("agent-sa");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "a");
    assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("example.com/cost-center", "42");
    Map<String, EnvVar> env =
        agent.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e, (a, b) -> b));
    assertThat(env.get("LOG_LEVEL").getValue()).isEqualTo("debug");
    assertThat(env.get("CLAUDE_CODE_OAUTH_TOKEN").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("claude-oauth");
    assertThat(agent.getEnv().stream().filter(e -> "not-this-one".equals(e.getValue()))).isEmpty();

    Task task =
        Eventually.await(
            TIMEOUT,
            "the Task's Accepted condition",
            () -> client.resources(Task.class).inNamespace(NS).withName("tuned").get(),
            t -> acceptedMessage(t) != null);
    assertThat(acceptedMessage(task))
        .contains("podOverrides.env CLAUDE_CODE_OAUTH_TOKEN ignored: Axon sets it itself.");
  }

  @Test
  void workloadIdentityRunsAsTheServiceAccountWithItsToken() {
    client
        .resource(
            ItFixtures.yaml(
                """
                apiVersion: axon.io/v1alpha1
                kind: Task
                metadata: {name: identity, namespace: %s}
                spec:
                  type: claude-code
                  prompt: hi
                  credentials: {type: none}
                  podOverrides:
                    serviceAccountName: vertex-agent
                    env: [{name: CLAUDE_CODE_USE_VERTEX, value: "1"}]
                """
                    .formatted(NS)))
        .create();

    PodSpec pod = awaitJob("identity").getSpec().getTemplate().getSpec();

    assertThat(pod.getServiceAccountName()).isEqualTo("vertex-agent");
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
    assertThat(pod.getContainers().get(0).getEnv())
        .extracting(EnvVar::getName)
        .contains("CLAUDE_CODE_USE_VERTEX")
        .doesNotContain("CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_API_KEY");
  }

  private static Job awaitJob(String task) {
    return Eventually.await(
        TIMEOUT,
        "the Job of Task " + task,
        () -> client.batch().v1().jobs().inNamespace(NS).withName(task).get(),
        Objects::nonNull);
  }

  private static String acceptedMessage(Task task) {
    if (task == null || task.getStatus() == null || task.getStatus().getConditions() == null) {
      return null;
    }
    return task.getStatus().getConditions().stream()
        .filter(c -> TaskConditions.ACCEPTED.equals(c.getType()) && "True".equals(c.getStatus()))
        .map(c -> c.getMessage())
        .findFirst()
        .orElse(null);
  }
}

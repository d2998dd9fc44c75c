package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.axon.controller.task.PodCreationFailures;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pod the API server refuses (a namespace LimitRange below the agent's memory limit) shows in the
 * Task's status and a Warning Event with the server's own reason, instead of an endless wait, and
 * leaves the status by itself once the cause is gone and the Job has made its pod.
 */
class RefusedPodIT {
  static final String NS = "refused-pod";
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  static ControlPlane plane;
  static KubernetesClient client;
  static ControllerInstance controller;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
    plane.createNamespace(NS);
    client
        .resource(
            new LimitRangeBuilder()
                .withNewMetadata()
                .withName("small-containers")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .addNewLimit()
                .withType("Container")
                .withMax(Map.of("memory", new Quantity("1Gi")))
                .endLimit()
                .endSpec()
                .build())
        .create();
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
  void aRefusedPodIsTheTasksMessageAndAWarningEvent() {
    Task created = client.resource(Fixtures.task(NS, "too-big")).create();

    Task refused =
        Eventually.await(
            TIMEOUT,
            "Task too-big to say its pod was refused",
            () -> client.resources(Task.class).inNamespace(NS).withName("too-big").get(),
            t ->
                t.getStatus() != null
                    && t.getStatus().getMessage() != null
                    && t.getStatus().getMessage().startsWith("Kubernetes refused"));

    assertThat(refused.getStatus().getPhase()).isEqualTo(TaskPhase.Pending);
    assertThat(refused.getStatus().getJobName()).isEqualTo("too-big");
    assertThat(refused.getStatus().getMessage())
        .contains("maximum memory usage per Container is 1Gi")
        .contains("LimitRange or ResourceQuota in namespace \"refused-pod\"");
    assertThat(refused.getStatus().getConditions())
        .anyMatch(c -> PodCreationFailures.REASON.equals(c.getReason()));
    KubernetesEvents.await(
        client,
        created,
        TIMEOUT,
        "a PodCreateFailed Warning",
        events ->
            events.stream()
                .anyMatch(
                    e ->
                        PodCreationFailures.REASON.equals(e.getReason())
                            && "Warning".equals(e.getType())
                            && e.getMessage().contains("maximum memory usage per Container")));

    // The message says the Job creates the pod by itself once the cause is fixed: so it does.
    client.resources(LimitRange.class).inNamespace(NS).withName("small-containers").delete();
    Eventually.await(
        TIMEOUT,
        "Task too-big no longer saying its pod was refused",
        () -> client.resources(Task.class).inNamespace(NS).withName("too-big").get(),
        t ->
            t.getStatus().getConditions().stream()
                .noneMatch(c -> PodCreationFailures.REASON.equals(c.getReason())));
    assertThat(client.pods().inNamespace(NS).withLabel("job-name", "too-big").list().getItems())
        .as("the Job's pod")
        .isNotEmpty();
  }
}

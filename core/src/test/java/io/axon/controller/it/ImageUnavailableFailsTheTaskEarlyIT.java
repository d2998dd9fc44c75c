package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.PodOverrides;
import io.axon.api.v1alpha1.ResultReason;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.axon.controller.job.AgentJobBuilder;
import io.axon.controller.status.TaskConditions;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pod whose agent image cannot be pulled (the kubelet's waiting reason, written through the
 * pods/status subresource as kwok's kubelet would) fails its Task with ImageUnavailable, naming the
 * image and the reason, while the Job still runs: at once for a reason that cannot heal, after the
 * controller's grace period for one that may, and the Job is suspended so its pod goes.
 */
class ImageUnavailableFailsTheTaskEarlyIT {
  static final String NS = "image-pull";
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static final int GRACE_SECONDS = 10;

  static ControlPlane plane;
  static KubernetesClient client;
  static ControllerInstance controller;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
    plane.createNamespace(NS);
    controller =
        new ControllerInstance(
            plane,
            new JsonObject()
                .put("agentPod", new JsonObject().put("imagePullGraceSeconds", GRACE_SECONDS)));
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
  void anInvalidImageNameFailsTheTaskAtOnceAndStopsItsJob() {
    Pod pod = podOf(create("bad-name"));
    pulling(pod, "InvalidImageName", "Failed to apply default image tag \"Bad:Name\"");

    Task failed = awaitPhase("bad-name", TaskPhase.Failed);

    String image = agentImage(pod);
    assertThat(failed.getStatus().getResult().getReason())
        .isEqualTo(ResultReason.ImageUnavailable.name());
    assertThat(failed.getStatus().getResult().getAdvice())
        .isEqualTo(ResultReason.ImageUnavailable.advice());
    assertThat(failed.getStatus().getMessage())
        .isEqualTo(
            "Cannot pull image %s for container agent (InvalidImageName): Failed to apply default"
                + " image tag \"Bad:Name\"",
            image);
    assertJobStopped("bad-name");
  }

  @Test
  void aFailingPullIsWaitedForWithinTheGraceThenFailsTheTask() {
    Pod pod = podOf(create("no-such-image"));
    Instant firstFailure = Instant.now();
    pulling(pod, "ErrImagePull", "failed to resolve reference: not found");

    Task waiting =
        Eventually.await(
            TIMEOUT,
            "Task no-such-image waiting for its image",
            () -> get("no-such-image"),
            t ->
                t.getStatus() != null
                    && t.getStatus().getConditions().stream()
                        .anyMatch(
                            c ->
                                TaskConditions.IMAGE_PULLED.equals(c.getType())
                                    && "False".equals(c.getStatus())
                                    && "ErrImagePull".equals(c.getReason())));
    String image = agentImage(pod);
    assertThat(waiting.getStatus().getPhase()).isEqualTo(TaskPhase.Pending);
    assertThat(waiting.getStatus().getMessage())
        .startsWith(
            ("Cannot pull image %s for container agent (ErrImagePull): failed to resolve"
                    + " reference: not found. The Task fails with ImageUnavailable at ")
                .formatted(image));
    assertThat(client.batch().v1().jobs().inNamespace(NS).withName("no-such-image").get())
        .extracting(j -> j.getSpec().getSuspend())
        .as("the Job keeps running within the grace")
        .isNotEqualTo(Boolean.TRUE);

    // The kubelet's next reason, as its backoff goes on: the grace counts from the first failure.
    pulling(pod, "ImagePullBackOff", "Back-off pulling image \"" + image + "\"");
    Task failed = awaitPhase("no-such-image", TaskPhase.Failed);

    assertThat(Instant.parse(failed.getStatus().getCompletionTime()))
        .as("failed once the grace had passed, not before")
        .isAfterOrEqualTo(firstFailure.plusSeconds(GRACE_SECONDS - 1));
    assertThat(failed.getStatus().getResult().getReason())
        .isEqualTo(ResultReason.ImageUnavailable.name());
    assertThat(failed.getStatus().getMessage())
        .isEqualTo(
            "Cannot pull image %s for container agent (ImagePullBackOff): Back-off pulling image"
                + " \"%s\" (still failing after %ds)",
            image, image, GRACE_SECONDS);
    assertJobStopped("no-such-image");
  }

  /** A Task whose pod kwok leaves Pending, so only the test writes its status. */
  private static Task create(String name) {
    Task task = Fixtures.task(NS, name);
    PodOverrides overrides = new PodOverrides();
    overrides.setAnnotations(Map.of("pod-ready.stage.kwok.x-k8s.io/delay", "87600h"));
    task.getSpec().setPodOverrides(overrides);
    return client.resource(task).create();
  }

  private static Pod podOf(Task task) {
    return Eventually.await(
        TIMEOUT,
        "the scheduled pod of Task " + task.getMetadata().getName(),
        () ->
            client
                .pods()
                .inNamespace(NS)
                .withLabel(ApiGroup.TASK_LABEL, task.getMetadata().getName())
                .list()
                .getItems()
                .stream()
                .filter(p -> p.getSpec().getNodeName() != null)
                .findFirst()
                .orElse(null),
        p -> p != null);
  }

  /** What the kubelet writes while it cannot pull the agent container's image. */
  private static void pulling(Pod pod, String reason, String message) {
    Pod fresh = client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).get();
    fresh.getStatus().setPhase("Pending");
    fresh
        .getStatus()
        .setContainerStatuses(
            List.of(
                new ContainerStatusBuilder()
                    .withName(AgentJobBuilder.AGENT_CONTAINER)
                    .withImage(agentImage(fresh))
                    .withImageID("")
                    .withReady(false)
                    .withRestartCount(0)
                    .withNewState()
                    .withNewWaiting()
                    .withReason(reason)
                    .withMessage(message)
                    .endWaiting()
                    .endState()
                    .build()));
    client.pods().inNamespace(NS).resource(fresh).updateStatus();
  }

  private static String agentImage(Pod pod) {
    return pod.getSpec().getContainers().stream()
        .filter(c -> AgentJobBuilder.AGENT_CONTAINER.equals(c.getName()))
        .findFirst()
        .orElseThrow()
        .getImage();
  }

  private static void assertJobStopped(String name) {
    Job job = client.batch().v1().jobs().inNamespace(NS).withName(name).get();
    assertThat(job.getSpec().getSuspend()).as("the Job is suspended, not left pulling").isTrue();
    Eventually.await(
        TIMEOUT,
        "the pod of the stopped Job " + name + " gone",
        () -> client.pods().inNamespace(NS).withLabel(ApiGroup.TASK_LABEL, name).list().getItems(),
        List::isEmpty);
  }

  private static Task awaitPhase(String name, TaskPhase phase) {
    return Eventually.await(
        TIMEOUT,
        "Task " + name + " " + phase,
        () -> get(name),
        t -> t.getStatus() != null && t.getStatus().getPhase() == phase);
  }

  private static Task get(String name) {
    return client.resources(Task.class).inNamespace(NS).withName(name).get();
  }
}

package io.axon.controller.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

class StatusInputsTest {

  @Test
  void aPodThatIsScheduledOrGetsReadyIsNoNewsButOneThatRunsIs() {
    Pod created = pod().build();
    Pod scheduled =
        pod()
            .editSpec()
            .withNodeName("node-1")
            .endSpec()
            .withNewStatus()
            .withPhase("Pending")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("True")
            .endCondition()
            .endStatus()
            .build();
    Pod running = running("2026-12-07T10:00:00Z", "False");
    Pod ready = running("2026-12-07T10:00:00Z", "True");

    assertThat(StatusInputs.isNews(created)).as("a pod that appears, starting").isFalse();
    assertThat(StatusInputs.isNews(created, scheduled)).as("scheduled").isFalse();
    assertThat(StatusInputs.isNews(scheduled, running)).as("running").isTrue();
    assertThat(StatusInputs.isNews(running, ready)).as("ready").isFalse();
    assertThat(StatusInputs.isNews(running)).as("a running pod that appears").isTrue();
  }

  @Test
  void aPodThatEndsIsNoNewsItsJobsConditionIs() {
    Pod running = running("2026-12-07T10:00:00Z", "True");
    Pod succeeded = pod().withNewStatus().withPhase("Succeeded").endStatus().build();
    Pod failed = pod().withNewStatus().withPhase("Failed").endStatus().build();

    assertThat(StatusInputs.isNews(running, succeeded)).isFalse();
    assertThat(StatusInputs.isNews(running, failed)).isFalse();
    assertThat(StatusInputs.isNews(pod().build(), failed)).as("ended without running").isFalse();
    assertThat(StatusInputs.isNews(failed)).as("an ended pod that appears").isFalse();
  }

  @Test
  void aPodThatCannotStartIsNewsAndSoIsEachChangeOfWhy() {
    Pod starting = pod().build();
    Pod unschedulable = unschedulable("0/3 nodes are available: 3 Insufficient memory.");
    Pod stillUnschedulable = unschedulable("0/4 nodes are available: 4 Insufficient memory.");
    Pod pullFails = waiting("agent", "ErrImagePull", "not found");
    Pod pullBacksOff = waiting("agent", "ImagePullBackOff", "Back-off pulling image");
    Pod badConfig = waiting("agent", "CreateContainerConfigError", "secret \"x\" not found");

    assertThat(StatusInputs.isNews(starting, unschedulable)).isTrue();
    assertThat(StatusInputs.isNews(unschedulable, unschedulable)).as("no change").isFalse();
    assertThat(StatusInputs.isNews(unschedulable, stillUnschedulable)).isTrue();
    assertThat(StatusInputs.isNews(starting, pullFails)).isTrue();
    assertThat(StatusInputs.isNews(pullFails, pullBacksOff)).isTrue();
    assertThat(StatusInputs.isNews(starting, badConfig)).isTrue();
    assertThat(StatusInputs.isNews(pullFails)).as("appears unable to pull").isTrue();
  }

  @Test
  void aJobIsNewsOnlyWhenItCompletesOrFails() {
    Job created = job().build();
    Job active = job().withNewStatus().withActive(1).withReady(1).endStatus().build();
    Job criteriaMet = withCondition("SuccessCriteriaMet");
    Job complete = withCondition("Complete");
    Job failed = withCondition("Failed");

    assertThat(StatusInputs.isNews(created)).as("a Job that appears, new").isFalse();
    assertThat(StatusInputs.isNews(created, active)).as("active, ready").isFalse();
    assertThat(StatusInputs.isNews(active, criteriaMet)).as("success criteria met").isFalse();
    assertThat(StatusInputs.isNews(criteriaMet, complete)).isTrue();
    assertThat(StatusInputs.isNews(active, failed)).isTrue();
    assertThat(StatusInputs.isNews(complete)).as("a complete Job that appears").isTrue();
  }

  private static PodBuilder pod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("t-1-abc")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("agent")
        .endContainer()
        .endSpec();
  }

  private static Pod running(String startedAt, String ready) {
    return pod()
        .withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready)
        .endCondition()
        .addNewContainerStatus()
        .withName("agent")
        .withReady("True".equals(ready))
        .withNewState()
        .withNewRunning()
        .withStartedAt(startedAt)
        .endRunning()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  private static Pod unschedulable(String message) {
    return pod()
        .withNewStatus()
        .withPhase("Pending")
        .addNewCondition()
        .withType("PodScheduled")
        .withStatus("False")
        .withReason("Unschedulable")
        .withMessage(message)
        .endCondition()
        .endStatus()
        .build();
  }

  private static Pod waiting(String container, String reason, String message) {
    return pod()
        .withNewStatus()
        .withPhase("Pending")
        .addNewContainerStatus()
        .withName(container)
        .withImage("ghcr.io/axon-core/agent:0.1.0")
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  private static JobBuilder job() {
    return new JobBuilder().withNewMetadata().withName("t-1").endMetadata();
  }

  private static Job withCondition(String type) {
    return job()
        .withNewStatus()
        .addNewCondition()
        .withType(type)
        .withStatus("True")
        .endCondition()
        .endStatus()
        .build();
  }
}

package io.axon.controller.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * status.podName names "the pod running the Task": once it runs, ends or is stuck, not while it is
 * merely starting (that would cost every Task one more status write; see docs/benchmarks.md).
 */
class PodNameTest {
  final TaskStatusCalculator statuses = new TaskStatusCalculator();
  final Task task = Fixtures.task("t");
  final Job job = new JobBuilder().withNewMetadata().withName("t").endMetadata().build();
  final Instant now = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void aStartingPodIsNotNamedYet() {
    TaskStatus status = statuses.fromJob(task, job, Optional.of(pod("Pending", null)), now);

    assertThat(status.getPhase()).isEqualTo(TaskPhase.Pending);
    assertThat(status.getPodName()).isNull();
    assertThat(status.getMessage()).isEqualTo(TaskStatusCalculator.WAITING_FOR_POD);
  }

  @Test
  void aStuckPodIsNamedWithWhatIsWrong() {
    TaskStatus status =
        statuses.fromJob(task, job, Optional.of(pod("Pending", "ImagePullBackOff")), now);

    assertThat(status.getPodName()).isEqualTo("t-abcde");
    assertThat(status.getMessage()).startsWith("Cannot pull image");
  }

  @Test
  void aRunningPodIsNamed() {
    TaskStatus status = statuses.fromJob(task, job, Optional.of(pod("Running", null)), now);

    assertThat(status.getPhase()).isEqualTo(TaskPhase.Running);
    assertThat(status.getPodName()).isEqualTo("t-abcde");
  }

  static Pod pod(String phase, String waitingReason) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("t-abcde")
            .endMetadata()
            .withNewStatus()
            .withPhase(phase)
            .endStatus();
    if (waitingReason != null) {
      pod.editStatus()
          .withContainerStatuses(
              new ContainerStatusBuilder()
                  .withName("agent")
                  .withImage("ghcr.io/axon-core/axon-claude-code:2.1.330")
                  .withNewState()
                  .withNewWaiting()
                  .withReason(waitingReason)
                  .withMessage("Back-off pulling image")
                  .endWaiting()
                  .endState()
                  .build())
          .endStatus();
    }
    return pod.build();
  }
}

package io.axon.controller.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ResultReason;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a pod that cannot pull its image fails its Task, before its Job ends. */
class ImagePullGraceTest {
  static final Duration GRACE = Duration.ofSeconds(120);
  final TaskStatusCalculator calculator = new TaskStatusCalculator(GRACE);
  final Instant now = Instant.parse("2026-12-03T10:00:00Z");
  final Job job =
      new JobBuilder().withNewMetadata().withName("t").withUid("j").endMetadata().build();

  @Test
  void aNameThatCannotBePulledFailsAtOnceNamingImageAndReason() {
    TaskStatus status =
        calculator.fromJob(
            Fixtures.task("t"), job, Optional.of(waiting("InvalidImageName", null)), now);

    assertThat(status.getPhase()).isEqualTo(TaskPhase.Failed);
    assertThat(status.getResult().getReason()).isEqualTo(ResultReason.ImageUnavailable.name());
    assertThat(status.getMessage())
        .isEqualTo(
            "Cannot pull image bad:image:x for container agent (InvalidImageName): InvalidImageName");
    assertThat(status.getCompletionTime()).isEqualTo("2026-12-03T10:00:00Z");
  }

  @Test
  void aPullThatMayHealIsWaitedForUntilTheGraceCountedFromTheFirstFailure() {
    Task task = Fixtures.task("t");
    task.setStatus(
        calculator.fromJob(task, job, Optional.of(waiting("ErrImagePull", "not found")), now));
    assertThat(task.getStatus().getPhase()).isEqualTo(TaskPhase.Pending);
    assertThat(task.getStatus().getMessage())
        .isEqualTo(
            "Cannot pull image bad:image:x for container agent (ErrImagePull): not found. The Task"
                + " fails with ImageUnavailable at 2026-12-03T10:02:00Z unless the pull succeeds"
                + " first.");
    assertThat(calculator.imagePullGivesUpAt(task.getStatus()))
        .contains(Instant.parse("2026-12-03T10:02:00Z"));

    Pod backOff = waiting("ImagePullBackOff", "Back-off pulling image");
    task.setStatus(calculator.fromJob(task, job, Optional.of(backOff), now.plusSeconds(119)));
    assertThat(task.getStatus().getPhase()).isEqualTo(TaskPhase.Pending);

    TaskStatus failed = calculator.fromJob(task, job, Optional.of(backOff), now.plus(GRACE));
    assertThat(failed.getPhase()).isEqualTo(TaskPhase.Failed);
    assertThat(failed.getResult().getReason()).isEqualTo(ResultReason.ImageUnavailable.name());
    assertThat(failed.getMessage())
        .isEqualTo(
            "Cannot pull image bad:image:x for container agent (ImagePullBackOff): Back-off"
                + " pulling image (still failing after 120s)");
    assertThat(calculator.imagePullGivesUpAt(failed)).isEmpty();
  }

  @Test
  void aPullThatHealsWithinTheGraceLetsTheTaskRun() {
    Task task = Fixtures.task("t");
    task.setStatus(
        calculator.fromJob(task, job, Optional.of(waiting("ImagePullBackOff", "slow")), now));
    Pod running =
        new PodBuilder()
            .withNewMetadata()
            .withName("t-1")
            .endMetadata()
            .withNewStatus()
            .withPhase("Running")
            .endStatus()
            .build();

    TaskStatus status = calculator.fromJob(task, job, Optional.of(running), now.plusSeconds(60));

    assertThat(status.getPhase()).isEqualTo(TaskPhase.Running);
    assertThat(Conditions.find(status.getConditions(), TaskConditions.IMAGE_PULLED))
        .get()
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
    assertThat(calculator.imagePullGivesUpAt(status)).isEmpty();
  }

  private static Pod waiting(String reason, String message) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("t-1")
        .endMetadata()
        .withNewStatus()
        .withPhase("Pending")
        .addNewContainerStatus()
        .withName("agent")
        .withImage("bad:image:x")
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
}

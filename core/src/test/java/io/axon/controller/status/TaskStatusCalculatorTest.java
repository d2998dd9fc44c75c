package io.axon.controller.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskStatusCalculatorTest {
  private final TaskStatusCalculator calculator = new TaskStatusCalculator();
  private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void aPodWithoutStatusYetLeavesTheTaskPendingWaitingForIt() {
    var job = new JobBuilder().withNewMetadata().withName("t").withUid("j").endMetadata().build();
    var pod = new PodBuilder().withNewMetadata().withName("t-1").endMetadata().build();

    TaskStatus status = calculator.fromJob(Fixtures.task("t"), job, Optional.of(pod), now);

    assertThat(status.getPhase()).isEqualTo(TaskPhase.Pending);
    assertThat(status.getMessage()).isEqualTo(TaskStatusCalculator.WAITING_FOR_POD);
    // A merely starting pod is not named yet: naming it would cost every Task one more write.
    assertThat(status.getPodName()).isNull();
  }

  @Test
  void aRunningTaskWhosePodIsMissingFromTheCacheStaysRunningWhileItsJobIsActive() {
    var job = new JobBuilder().withNewMetadata().withName("t").withUid("j").endMetadata().build();
    var running =
        new PodBuilder()
            .withNewMetadata()
            .withName("t-1")
            .endMetadata()
            .withNewStatus()
            .withPhase("Running")
            .endStatus()
            .build();
    var task = Fixtures.task("t");
    task.setStatus(calculator.fromJob(task, job, Optional.of(running), now));
    assertThat(task.getStatus().getPhase()).isEqualTo(TaskPhase.Running);

    TaskStatus missing = calculator.fromJob(task, job, Optional.empty(), now.plusSeconds(5));
    var starting = new PodBuilder().withNewMetadata().withName("t-1").endMetadata().build();
    TaskStatus older = calculator.fromJob(task, job, Optional.of(starting), now.plusSeconds(5));

    assertThat(missing.getPhase()).as("pod missing from the cache").isEqualTo(TaskPhase.Running);
    assertThat(missing.getMessage()).isEqualTo("The agent is running.");
    assertThat(older.getPhase()).as("pod seen in an older state").isEqualTo(TaskPhase.Running);
  }

  @Test
  void costIsShownWithTwoToFourDecimals() {
    assertThat(TerminationMessage.formatCost(0.12)).isEqualTo("0.12");
    assertThat(TerminationMessage.formatCost(0.1)).isEqualTo("0.10");
    assertThat(TerminationMessage.formatCost(0.0716)).isEqualTo("0.0716");
    assertThat(TerminationMessage.formatCost(1.234567)).isEqualTo("1.2346");
    assertThat(TerminationMessage.formatCost(3)).isEqualTo("3.00");
  }

  @Test
  void aSummaryWithoutOutcomeIsRejectedWithAReason() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TerminationMessage.parse("{\"turns\":3}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("it has no \"outcome\"");
  }
}

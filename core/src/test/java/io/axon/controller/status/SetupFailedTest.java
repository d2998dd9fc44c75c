package io.axon.controller.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.Fixtures;
import io.axon.controller.job.AgentJobBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A failed setup step fails the Task with reason SetupFailed and the tail of its output. */
class SetupFailedTest {
  private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void theTaskSaysTheSetupFailedWithTheLastLinesOfItsOutputOnOneLine() {
    String log =
        IntStream.rangeClosed(1, 30)
                .mapToObj(i -> "npm line " + i)
                .collect(Collectors.joining("\n"))
            + "\nnpm ERR! missing script: ci\n";
    var job =
        new JobBuilder()
            .withNewMetadata()
            .withName("t")
            .withUid("j")
            .endMetadata()
            .withNewStatus()
            .addNewCondition()
            .withType("Failed")
            .withStatus("True")
            .withReason("BackoffLimitExceeded")
            .endCondition()
            .endStatus()
            .build();
    var pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("t-1")
            .endMetadata()
            .withNewStatus()
            .withPhase("Failed")
            .addNewInitContainerStatus()
            .withName(AgentJobBuilder.CLONE_CONTAINER)
            .withNewState()
            .withNewTerminated()
            .withExitCode(0)
            .endTerminated()
            .endState()
            .endInitContainerStatus()
            .addNewInitContainerStatus()
            .withName(AgentJobBuilder.SETUP_CONTAINER)
            .withNewState()
            .withNewTerminated()
            .withExitCode(1)
            .withMessage(log)
            .endTerminated()
            .endState()
            .endInitContainerStatus()
            .endStatus()
            .build();

    TaskStatus status =
        new TaskStatusCalculator().fromJob(Fixtures.task("t"), job, Optional.of(pod), now);

    assertThat(status.getPhase()).isEqualTo(TaskPhase.Failed);
    assertThat(status.getMessage())
        .startsWith(
            "The Workspace's setup failed (exit code 1; files or setupCommand). Its output ends: npm line 22 | ")
        .endsWith("npm line 30 | npm ERR! missing script: ci")
        .doesNotContain("\n");
    assertThat(status.getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo(TaskConditions.SUCCEEDED);
              assertThat(c.getReason()).isEqualTo(TaskConditions.REASON_SETUP_FAILED);
            });
  }
}

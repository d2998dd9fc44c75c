package io.axon.controller.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ResultReason;
import io.axon.api.v1alpha1.RetrySpec;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.Fixtures;
import io.axon.controller.job.JobNames;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetriesTest {
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aListedClassWithAttemptsLeftSchedulesTheNextAfterItsBackoff() {
    Task task = task(3, "1m", ResultReason.ModelRateLimited);
    TaskStatus failed = failed("ModelRateLimited", "axon/t-wip");

    TaskStatus next = Retries.schedule(task, failed, NOW, () -> 0.0).orElseThrow();

    assertThat(next.getPhase()).isEqualTo(TaskPhase.Pending);
    assertThat(next.getAttempt()).isEqualTo(2);
    assertThat(next.getNextAttemptTime()).isEqualTo("2026-12-01T10:01:00Z");
    assertThat(next.getResult()).isNull();
    assertThat(next.getCompletionTime()).isNull();
    assertThat(next.getAttempts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getAttempt()).isEqualTo(1);
              assertThat(a.getJobName()).isEqualTo("t");
              assertThat(a.getReason()).isEqualTo("ModelRateLimited");
              assertThat(a.getWipBranch()).isEqualTo("axon/t-wip");
              assertThat(a.getFinishedAt()).isEqualTo("2026-12-01T09:59:58Z");
            });
    assertThat(next.getMessage())
        .isEqualTo(
            "Attempt 1 of 3 failed (ModelRateLimited): The agent failed. Attempt 2 starts at"
                + " 2026-12-01T10:01:00Z.");
    assertThat(Retries.wipBranch(next)).contains("axon/t-wip");
    assertThat(Retries.waitBeforeNext(next, NOW)).contains(Duration.ofMinutes(1));
    assertThat(Retries.waitBeforeNext(next, NOW.plusSeconds(61))).isEmpty();
  }

  @Test
  void classesNotListedAndTheLastAttemptAreNotRetried() {
    Task task = task(2, "1m", ResultReason.ModelRateLimited);
    assertThat(Retries.schedule(task, failed("ModelAuthFailed", null), NOW, () -> 0.5)).isEmpty();

    TaskStatus second = failed("ModelRateLimited", null);
    second.setAttempt(2);
    assertThat(Retries.schedule(task, second, NOW, () -> 0.5)).isEmpty();

    Task noRetry = task(3, "1m", ResultReason.ModelRateLimited);
    noRetry.getSpec().setRetry(null);
    assertThat(Retries.schedule(noRetry, failed("ModelRateLimited", null), NOW, () -> 0.5))
        .isEmpty();
  }

  @Test
  void theBackoffDoublesUpToAnHourWithAtMostATenthOfJitter() {
    RetrySpec retry = task(10, "1m", ResultReason.Evicted).getSpec().getRetry();
    assertThat(Retries.backoff(retry, 1, 0)).isEqualTo(Duration.ofMinutes(1));
    assertThat(Retries.backoff(retry, 2, 0)).isEqualTo(Duration.ofMinutes(2));
    assertThat(Retries.backoff(retry, 3, 0.999))
        .isBetween(Duration.ofMinutes(4), Duration.ofSeconds(264));
    assertThat(Retries.backoff(retry, 9, 0)).isEqualTo(Duration.ofHours(1));
    retry.setBackoff(null);
    assertThat(Retries.backoff(retry, 1, 0)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void theAttemptsListStaysBounded() {
    Task task = task(RetrySpec.MAX_ATTEMPTS, "1s", ResultReason.Evicted);
    TaskStatus status = failed("Evicted", null);
    for (int i = 1; i < RetrySpec.MAX_ATTEMPTS; i++) {
      status = Retries.schedule(task, status, NOW, () -> 0).orElseThrow();
      status.setPhase(TaskPhase.Failed);
      TaskResult result = new TaskResult();
      result.setReason("Evicted");
      status.setResult(result);
    }
    assertThat(status.getAttempts()).hasSize(RetrySpec.MAX_ATTEMPTS - 1);
    assertThat(Retries.schedule(task, status, NOW, () -> 0)).isEmpty();
  }

  @Test
  void aJobWithAPodStillRunningOrStoppingHoldsTheNextAttempt() {
    Job job = new JobBuilder().withNewStatus().withActive(1).endStatus().build();
    assertThat(Retries.stillRunning(job)).isTrue();
    job.getStatus().setActive(0);
    job.getStatus().setTerminating(1);
    assertThat(Retries.stillRunning(job)).isTrue();
    job.getStatus().setTerminating(0);
    assertThat(Retries.stillRunning(job)).isFalse();
  }

  @Test
  void attemptJobNamesAreDeterministicAndFitALabel() {
    assertThat(JobNames.forAttempt("fix-42", 1)).isEqualTo("fix-42");
    assertThat(JobNames.forAttempt("fix-42", 2)).isEqualTo("fix-42-attempt-2");
    String long63 = "a".repeat(60) + "-xy";
    String name = JobNames.forAttempt(long63, 10);
    assertThat(name).hasSizeLessThanOrEqualTo(63).endsWith("-attempt-10");
    assertThat(JobNames.forAttempt(long63, 10)).isEqualTo(name);
    assertThat(JobNames.forAttempt("a".repeat(60) + "-xz", 10)).isNotEqualTo(name);
  }

  private static Task task(int maxAttempts, String backoff, ResultReason... reasons) {
    Task task = Fixtures.task("t");
    RetrySpec retry = new RetrySpec();
    retry.setOnReasons(List.of(reasons));
    retry.setMaxAttempts(maxAttempts);
    retry.setBackoff(backoff);
    task.getSpec().setRetry(retry);
    return task;
  }

  private static TaskStatus failed(String reason, String wipBranch) {
    TaskStatus status = new TaskStatus();
    status.setPhase(TaskPhase.Failed);
    status.setJobName("t");
    status.setPodName("t-abcde");
    status.setCompletionTime("2026-12-01T09:59:58Z");
    status.setMessage("The agent failed.");
    TaskResult result = new TaskResult();
    result.setReason(reason);
    result.setWipBranch(wipBranch);
    status.setResult(result);
    return status;
  }
}

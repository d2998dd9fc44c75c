package io.axon.controller.task;

import io.axon.api.v1alpha1.ResultReason;
import io.axon.api.v1alpha1.RetrySpec;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskAttempt;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.duration.GoDuration;
import io.axon.controller.status.Conditions;
import io.axon.controller.status.TaskConditions;
import io.axon.controller.status.Timestamps;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * {@code spec.retry}: whether a failed attempt gets another, and the status that says so. Pure: the
 * reconciler writes the status, and the next attempt's Job follows from it ({@code status.attempt}
 * names it), so a restarted controller picks up where the last one left off.
 */
final class Retries {
  static final String REASON_RETRY_SCHEDULED = "RetryScheduled";
  static final Duration MAX_BACKOFF = Duration.ofHours(1);
  private static final double JITTER = 0.1;

  private Retries() {}

  /** The attempt the Task is on: 1 until a retry was scheduled. */
  static int attempt(TaskStatus status) {
    return status == null || status.getAttempt() == null ? 1 : status.getAttempt();
  }

  /** The attempt's previous one's salvaged branch, when that attempt had one. */
  static Optional<String> wipBranch(TaskStatus status) {
    if (status == null || status.getAttempts().isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(status.getAttempts().get(status.getAttempts().size() - 1))
        .map(TaskAttempt::getWipBranch);
  }

  /** How long until the next attempt may start; empty when it may start now. */
  static Optional<Duration> waitBeforeNext(TaskStatus status, Instant now) {
    if (status == null || status.getNextAttemptTime() == null) {
      return Optional.empty();
    }
    try {
      Duration left = Duration.between(now, Instant.parse(status.getNextAttemptTime()));
      return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * When {@code failed} (the status the attempt's end computed) is of a class the spec retries and
   * attempts are left, the status that schedules the next attempt instead; else empty, and the Task
   * fails. {@code jitter} gives a number in [0, 1).
   */
  static Optional<TaskStatus> schedule(
      Task task, TaskStatus failed, Instant now, DoubleSupplier jitter) {
    RetrySpec retry = task.getSpec().getRetry();
    if (retry == null || failed.getPhase() != TaskPhase.Failed || failed.getResult() == null) {
      return Optional.empty();
    }
    Optional<ResultReason> reason = ResultReason.named(failed.getResult().getReason());
    int attempt = attempt(failed);
    if (reason.isEmpty()
        || !retry.getOnReasons().contains(reason.get())
        || attempt >= maxAttempts(retry)) {
      return Optional.empty();
    }
    TaskAttempt ended = new TaskAttempt();
    ended.setAttempt(attempt);
    ended.setJobName(failed.getJobName());
    ended.setReason(reason.get().name());
    ended.setMessage(failed.getMessage());
    ended.setWipBranch(failed.getResult().getWipBranch());
    ended.setFinishedAt(failed.getCompletionTime());
    List<TaskAttempt> attempts = new ArrayList<>(failed.getAttempts());
    attempts.add(ended);
    while (attempts.size() > RetrySpec.MAX_ATTEMPTS - 1) {
      attempts.remove(0);
    }

    Instant next = now.plus(backoff(retry, attempt, jitter.getAsDouble()));
    TaskStatus status = failed;
    status.setAttempts(attempts);
    status.setAttempt(attempt + 1);
    status.setNextAttemptTime(Timestamps.format(next));
    status.setPhase(TaskPhase.Pending);
    status.setCompletionTime(null);
    status.setPodName(null);
    status.setResult(null);
    String message =
        "Attempt %d of %d failed (%s): %s Attempt %d starts at %s."
            .formatted(
                attempt,
                maxAttempts(retry),
                reason.get().name(),
                failed.getMessage(),
                attempt + 1,
                Timestamps.format(next));
    status.setMessage(message);
    status.setConditions(
        Conditions.set(
            status.getConditions(),
            TaskConditions.SUCCEEDED,
            Conditions.UNKNOWN,
            REASON_RETRY_SCHEDULED,
            message,
            status.getObservedGeneration(),
            now));
    return Optional.of(status);
  }

  /** Whether the attempt's Job still has a pod that runs or stops: never two attempts at once. */
  static boolean stillRunning(Job job) {
    if (job.getStatus() == null) {
      return false;
    }
    Integer active = job.getStatus().getActive();
    Integer terminating = job.getStatus().getTerminating();
    return (active != null && active > 0) || (terminating != null && terminating > 0);
  }

  static int maxAttempts(RetrySpec retry) {
    return retry.getMaxAttempts() == null ? RetrySpec.DEFAULT_MAX_ATTEMPTS : retry.getMaxAttempts();
  }

  /** backoff × 2^(attempt-1), at most an hour, plus up to a tenth more so retries spread out. */
  static Duration backoff(RetrySpec retry, int attempt, double jitter) {
    Duration base;
    try {
      base =
          GoDuration.parse(
              retry.getBackoff() == null ? RetrySpec.DEFAULT_BACKOFF : retry.getBackoff());
    } catch (IllegalArgumentException e) {
      base = GoDuration.parse(RetrySpec.DEFAULT_BACKOFF); // the CRD's pattern keeps this rare
    }
    Duration delay = base;
    for (int i = 1; i < attempt && delay.compareTo(MAX_BACKOFF) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    if (delay.compareTo(MAX_BACKOFF) > 0) {
      delay = MAX_BACKOFF;
    }
    return delay.plusMillis((long) (delay.toMillis() * JITTER * jitter));
  }
}

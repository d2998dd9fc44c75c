package io.axon.controller.observe;

import io.axon.api.v1alpha1.RetrySpec;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskAttempt;
import io.axon.api.v1alpha1.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code RetryScheduled} Event's message, when a transition scheduled another attempt ({@code
 * status.attempt} went up and {@code status.nextAttemptTime} is set): which attempt of how many
 * failed and why, and when the next one starts, after how long a backoff.
 */
final class RetryScheduledEvent {
  static final String REASON = "RetryScheduled";

  private RetryScheduledEvent() {}

  static Optional<String> of(Task task, TaskStatus previous, TaskStatus current, Instant now) {
    int before = previous == null || previous.getAttempt() == null ? 1 : previous.getAttempt();
    Integer attempt = current.getAttempt();
    if (attempt == null || attempt <= before || current.getNextAttemptTime() == null) {
      return Optional.empty();
    }
    RetrySpec retry = task.getSpec() == null ? null : task.getSpec().getRetry();
    int max =
        retry == null || retry.getMaxAttempts() == null
            ? RetrySpec.DEFAULT_MAX_ATTEMPTS
            : retry.getMaxAttempts();
    String reason =
        current.getAttempts() == null || current.getAttempts().isEmpty()
            ? "failed"
            : Optional.ofNullable(current.getAttempts().get(current.getAttempts().size() - 1))
                .map(TaskAttempt::getReason)
                .orElse("failed");
    return Optional.of(
        "Attempt %d of %d failed (%s); attempt %d of %d starts after a backoff of %s, at %s."
            .formatted(
                attempt - 1,
                max,
                reason,
                attempt,
                max,
                backoff(current.getNextAttemptTime(), now),
                current.getNextAttemptTime()));
  }

  /** From now (the status was just written) to the next attempt, in whole seconds. */
  private static String backoff(String nextAttemptTime, Instant now) {
    try {
      Duration left = Duration.between(now, Instant.parse(nextAttemptTime));
      long seconds = Math.max(0, Math.round(left.toMillis() / 1000.0));
      return seconds >= 60 ? "%dm%ds".formatted(seconds / 60, seconds % 60) : seconds + "s";
    } catch (DateTimeParseException e) {
      return "its backoff";
    }
  }
}

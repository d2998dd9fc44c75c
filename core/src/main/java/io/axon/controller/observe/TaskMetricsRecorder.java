package io.axon.controller.observe;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.metrics.ControllerMetrics;
import io.axon.controller.task.TaskTransition;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts a Task's duration, cost and tokens into {@link ControllerMetrics} when it finishes. */
public final class TaskMetricsRecorder implements Consumer<TaskTransition> {
  private static final Logger LOG = LoggerFactory.getLogger(TaskMetricsRecorder.class);

  private final ControllerMetrics metrics;

  public TaskMetricsRecorder(ControllerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void accept(TaskTransition transition) {
    TaskStatus current = transition.current();
    if (!transition.phaseChanged() || !current.getPhase().isFinished()) {
      return;
    }
    Task task = transition.task();
    String type = task.getSpec().getType();
    duration(task, current).ifPresent(d -> metrics.taskFinished(type, current.getPhase(), d));
    TaskResult result = current.getResult();
    if (result != null) {
      metrics.agentUsage(
          type,
          TaskLabels.modelLabel(task, current),
          cost(task, result.getCostUSD()),
          result.getInputTokens() == null ? 0 : result.getInputTokens(),
          result.getOutputTokens() == null ? 0 : result.getOutputTokens());
    }
  }

  /** From the agent's start (or, if it never started, the Task's creation) to completion. */
  private static Optional<Duration> duration(Task task, TaskStatus status) {
    Optional<Instant> end = instant(status.getCompletionTime());
    Optional<Instant> start =
        instant(status.getStartTime()).or(() -> instant(task.getMetadata().getCreationTimestamp()));
    if (end.isEmpty() || start.isEmpty() || end.get().isBefore(start.get())) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(start.get(), end.get()));
  }

  private static Optional<Instant> instant(String time) {
    try {
      return time == null ? Optional.empty() : Optional.of(Instant.parse(time));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static BigDecimal cost(Task task, String costUSD) {
    if (costUSD == null) {
      return null;
    }
    try {
      return new BigDecimal(costUSD);
    } catch (NumberFormatException e) {
      LOG.warn(
          "Task {}/{} reported a cost that is not a number; not counted",
          task.getMetadata().getNamespace(),
          task.getMetadata().getName());
      return null;
    }
  }
}

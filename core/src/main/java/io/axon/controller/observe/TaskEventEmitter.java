package io.axon.controller.observe;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.task.PodCreationFailures;
import io.axon.controller.task.TaskTransition;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns a Task's transitions into Kubernetes Events: {@code JobCreated}, {@code Started}, {@code
 * Succeeded}, {@code Failed}, {@code RetryScheduled}. Each is queued once, on the change itself, on
 * the {@link EventQueue}, whose writers never hold up reconciling and write one Task's Events in
 * the order they happened.
 */
public final class TaskEventEmitter implements Consumer<TaskTransition> {
  private final EventQueue events;

  public TaskEventEmitter(EventQueue events) {
    this.events = events;
  }

  @Override
  public void accept(TaskTransition transition) {
    Task task = transition.task();
    TaskStatus previous = transition.previous();
    TaskStatus current = transition.current();
    if ((previous == null || previous.getJobName() == null) && current.getJobName() != null) {
      events.normal(
          task,
          EventRecorder.JOB_CREATED,
          "Created Job %s to run the %s agent."
              .formatted(current.getJobName(), task.getSpec().getType()));
    }
    if (refusedPodIsNews(previous, current)) {
      events.warning(task, PodCreationFailures.REASON, current.getMessage());
    }
    RetryScheduledEvent.of(task, previous, current, Instant.now())
        .ifPresent(message -> events.normal(task, RetryScheduledEvent.REASON, message));
    if (!transition.phaseChanged()) {
      return;
    }
    TaskPhase phase = current.getPhase();
    if (phase == TaskPhase.Running) {
      events.normal(
          task,
          EventRecorder.STARTED,
          current.getPodName() == null
              ? "The agent started."
              : "The agent started in pod %s.".formatted(current.getPodName()));
    } else if (phase == TaskPhase.Succeeded) {
      events.normal(task, EventRecorder.SUCCEEDED, current.getMessage());
    } else if (phase == TaskPhase.Failed) {
      events.warning(task, EventRecorder.FAILED, failureMessage(current));
    }
  }

  private static boolean refusedPodIsNews(TaskStatus previous, TaskStatus current) {
    return current.getConditions() != null
        && current.getConditions().stream()
            .anyMatch(c -> PodCreationFailures.REASON.equals(c.getReason()))
        && (previous == null || !Objects.equals(previous.getMessage(), current.getMessage()));
  }

  /** The status message, with the machine-readable reason when the message does not show it. */
  static String failureMessage(TaskStatus status) {
    String message = status.getMessage() == null ? "The Task failed." : status.getMessage();
    String reason = TaskLabels.reason(status);
    return reason == null || message.contains(reason)
        ? message
        : "%s (reason: %s)".formatted(message, reason);
  }
}

package io.axon.controller.observe;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.runtime.Addresses;
import io.axon.controller.task.TaskTransition;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * Publishes a Task's life on the public addresses {@link Addresses#TASK_CREATED}, {@link
 * Addresses#TASK_PHASE} and {@link Addresses#TASK_FINISHED}. Published, not sent: any number of
 * listeners (in this process or over the bridge) each get every message. Payloads are documented in
 * docs/event-bus.md; they carry no prompt and no secret.
 */
public final class TaskLifecyclePublisher implements Consumer<TaskTransition> {
  private final EventBus bus;
  private final Clock clock;

  public TaskLifecyclePublisher(EventBus bus, Clock clock) {
    this.bus = bus;
    this.clock = clock;
  }

  @Override
  public void accept(TaskTransition transition) {
    TaskStatus current = transition.current();
    if (current.getPhase() == null) {
      return;
    }
    String time = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    if (transition.previousPhase() == null) {
      bus.publish(Addresses.TASK_CREATED, common(transition, time));
    }
    if (transition.phaseChanged()) {
      bus.publish(
          Addresses.TASK_PHASE,
          common(transition, time)
              .put("previous", phaseName(transition.previous()))
              .put("current", current.getPhase().name()));
      if (current.getPhase().isFinished()) {
        bus.publish(Addresses.TASK_FINISHED, finished(transition, time));
      }
    }
  }

  private static JsonObject common(TaskTransition transition, String time) {
    Task task = transition.task();
    TaskStatus current = transition.current();
    return new JsonObject()
        .put("namespace", task.getMetadata().getNamespace())
        .put("name", task.getMetadata().getName())
        .put("uid", task.getMetadata().getUid())
        .put("type", task.getSpec().getType())
        .put("model", TaskLabels.model(task, current))
        .put("phase", current.getPhase().name())
        .put("time", time)
        .put("message", current.getMessage());
  }

  private static JsonObject finished(TaskTransition transition, String time) {
    TaskStatus current = transition.current();
    TaskResult result = current.getResult() == null ? new TaskResult() : current.getResult();
    return common(transition, time)
        .put("outcome", current.getPhase().name())
        .put("reason", TaskLabels.reason(current))
        .put("turns", result.getTurns())
        .put("costUSD", result.getCostUSD())
        .put("inputTokens", result.getInputTokens())
        .put("outputTokens", result.getOutputTokens())
        .put("pullRequestURL", result.getPullRequestURL())
        .put("branch", result.getBranch())
        .put("commit", result.getCommit())
        .put("startTime", current.getStartTime())
        .put("completionTime", current.getCompletionTime());
  }

  private static String phaseName(TaskStatus status) {
    return status == null || status.getPhase() == null ? null : status.getPhase().name();
  }
}

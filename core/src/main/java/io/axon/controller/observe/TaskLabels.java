package io.axon.controller.observe;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.status.TaskConditions;
import io.fabric8.kubernetes.api.model.Condition;

/** Values every observer reads off a Task the same way. */
final class TaskLabels {
  /** The model label when neither the spec nor the agent named one. */
  static final String DEFAULT_MODEL = "default";

  private TaskLabels() {}

  /** The model the agent ran with, as it reported; else the spec's override; else null. */
  static String model(Task task, TaskStatus status) {
    if (status != null && status.getResult() != null && status.getResult().getModel() != null) {
      return status.getResult().getModel();
    }
    return task.getSpec().getModel();
  }

  /** {@link #model} for a metric label, which must never be null. */
  static String modelLabel(Task task, TaskStatus status) {
    String model = model(task, status);
    return model == null || model.isBlank() ? DEFAULT_MODEL : model;
  }

  /**
   * Why a finished Task ended as it did, machine-readable: its class ({@code status.result.reason},
   * a closed set, so a bounded metric label) once its run ended, else the reason of the Task's
   * Succeeded condition (for example {@code JobDeleted}, {@code UnknownAgentType}).
   */
  static String reason(TaskStatus status) {
    if (status.getResult() != null && status.getResult().getReason() != null) {
      return status.getResult().getReason();
    }
    return status.getConditions().stream()
        .filter(c -> TaskConditions.SUCCEEDED.equals(c.getType()))
        .map(Condition::getReason)
        .findFirst()
        .orElse(null);
  }
}

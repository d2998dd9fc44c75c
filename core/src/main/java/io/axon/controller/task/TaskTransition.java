package io.axon.controller.task;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;

/**
 * A status change the controller just wrote.
 *
 * @param previous the status before, or null for a new Task
 */
public record TaskTransition(Task task, TaskStatus previous, TaskStatus current) {

  public TaskPhase previousPhase() {
    return previous == null ? null : previous.getPhase();
  }

  public boolean phaseChanged() {
    return previousPhase() != current.getPhase();
  }
}

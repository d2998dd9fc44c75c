package io.axon.api.v1alpha1;

/**
 * Where a Task is in its life: Waiting (for other Tasks: its dependencies, its branch) → Pending
 * (its Job and pod) → Running → Succeeded or Failed. Declared in that order: a Task's phase only
 * moves forward.
 */
public enum TaskPhase {
  Waiting,
  Pending,
  Running,
  Succeeded,
  Failed;

  /** Whether the Task has ended and will not change again. */
  public boolean isFinished() {
    return this == Succeeded || this == Failed;
  }
}

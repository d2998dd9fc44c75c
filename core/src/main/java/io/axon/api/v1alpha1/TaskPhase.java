package io.axon.api.v1alpha1;

/** Where a Task is in its life: Pending → Running → Succeeded or Failed. */
public enum TaskPhase {
  Pending,
  Running,
  Succeeded,
  Failed;

  /** Whether the Task has ended and will not change again. */
  public boolean isFinished() {
    return this == Succeeded || this == Failed;
  }
}

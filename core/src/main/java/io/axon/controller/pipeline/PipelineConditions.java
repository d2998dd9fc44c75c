package io.axon.controller.pipeline;

/** The condition types and reasons of Tasks with dependencies or a branch. */
public final class PipelineConditions {
  /** False while the Task waits on its dependencies (or cannot run because of them). */
  public static final String DEPENDENCIES_READY = "DependenciesReady";

  /** True while the Task works on its branch; False while it waits for it, or after it. */
  public static final String BRANCH_LOCK_HELD = "BranchLockHeld";

  public static final String REASON_WAITING_FOR_DEPENDENCIES = "WaitingForDependencies";
  public static final String REASON_DEPENDENCY_NOT_FOUND = "DependencyNotFound";
  public static final String REASON_DEPENDENCY_FAILED = "DependencyFailed";
  public static final String REASON_DEPENDENCY_CYCLE = "DependencyCycle";
  public static final String REASON_DEPENDENCIES_SUCCEEDED = "DependenciesSucceeded";
  public static final String REASON_INVALID_PROMPT_TEMPLATE = "InvalidPromptTemplate";
  public static final String REASON_PROMPT_TOO_LONG = "PromptTooLong";
  public static final String REASON_BRANCH_BUSY = "BranchBusy";
  public static final String REASON_BRANCH_HELD = "Held";
  public static final String REASON_BRANCH_RELEASED = "Released";

  private PipelineConditions() {}
}

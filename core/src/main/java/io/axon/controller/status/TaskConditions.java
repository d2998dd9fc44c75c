package io.axon.controller.status;

/** The condition types and reasons a Task's status uses. */
public final class TaskConditions {
  /** True once the Task's spec resolved and its Job exists. */
  public static final String ACCEPTED = "Accepted";

  /** Unknown while the Task runs; True or False once it has finished. */
  public static final String SUCCEEDED = "Succeeded";

  /**
   * False, with the kubelet's reason, while a container of the agent's pod cannot pull its image;
   * True once that pod runs.
   */
  public static final String IMAGE_PULLED = "ImagePulled";

  public static final String REASON_JOB_CREATED = "JobCreated";
  public static final String REASON_UNKNOWN_AGENT_TYPE = "UnknownAgentType";
  public static final String REASON_WORKSPACE_NOT_FOUND = "WorkspaceNotFound";
  public static final String REASON_JOB_CONFLICT = "JobNameConflict";

  /** The API server refused the Job's pod ({@code task/PodCreationFailures}). */
  public static final String REASON_POD_CREATE_FAILED = "PodCreateFailed";

  public static final String REASON_PENDING = "Pending";
  public static final String REASON_RUNNING = "Running";
  public static final String REASON_SUCCEEDED = "Succeeded";
  public static final String REASON_AGENT_FAILED = "AgentFailed";
  public static final String REASON_DEADLINE = "DeadlineExceeded";
  public static final String REASON_OOM = "OOMKilled";
  public static final String REASON_CLONE_FAILED = "CloneFailed";
  public static final String REASON_SETUP_FAILED = "SetupFailed";
  public static final String REASON_JOB_LOST = "JobDeleted";
  public static final String REASON_IMAGE_UNAVAILABLE = "ImageUnavailable";
  public static final String REASON_PULLED = "Pulled";

  private TaskConditions() {}
}

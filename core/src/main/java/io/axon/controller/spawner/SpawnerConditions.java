package io.axon.controller.spawner;

import io.axon.spi.source.WorkSourceException;

/** The conditions of a TaskSpawner's status, and their reasons. */
public final class SpawnerConditions {
  /**
   * Whether the spawner can work: its source kind is installed, its Workspace, Secret and prompt
   * template are usable, and its last Tasks could be created.
   */
  public static final String READY = "Ready";

  /** Whether the source answered the last poll. */
  public static final String SOURCE_HEALTHY = "SourceHealthy";

  public static final String REASON_POLLING = "Polling";
  public static final String REASON_POLLED = "Polled";
  public static final String REASON_NO_SOURCE = "NoSource";
  public static final String REASON_UNKNOWN_SOURCE_KIND = "UnknownSourceKind";
  public static final String REASON_INVALID_PROMPT_TEMPLATE = "InvalidPromptTemplate";
  public static final String REASON_INVALID_TASK_TEMPLATE = "InvalidTaskTemplate";
  public static final String REASON_UNKNOWN_AGENT_TYPE = "UnknownAgentType";
  public static final String REASON_INVALID_POLL_INTERVAL = "InvalidPollInterval";
  public static final String REASON_WORKSPACE_NOT_FOUND = "WorkspaceNotFound";
  public static final String REASON_SECRET_NOT_FOUND = "SecretNotFound";
  public static final String REASON_SECRET_KEY_MISSING = "SecretKeyMissing";
  public static final String REASON_CREDENTIAL_HOST_NOT_ALLOWED = "CredentialHostNotAllowed";
  public static final String REASON_INVALID_SOURCE_CONFIG = "InvalidSourceConfig";
  public static final String REASON_TASK_CREATE_FAILED = "TaskCreateFailed";
  public static final String REASON_INVALID_NAME_TEMPLATE = "InvalidNameTemplate";
  public static final String REASON_SUSPENDED = "Suspended";
  public static final String REASON_MAX_TOTAL_REACHED = "MaxTotalTasksReached";

  private SpawnerConditions() {}

  /** The SourceHealthy reason for a failed poll: RateLimited, Unauthorized, NotFound, ... */
  public static String reasonFor(WorkSourceException.Reason reason) {
    return switch (reason) {
      case INVALID_CONFIG -> "InvalidConfig";
      case UNAUTHORIZED -> "Unauthorized";
      case NOT_FOUND -> "NotFound";
      case RATE_LIMITED -> "RateLimited";
      case UNAVAILABLE -> "Unavailable";
    };
  }
}

package io.axon.controller.runtime;

/**
 * Event-bus addresses. Those marked public are part of Axon's external API: tools read them over
 * the event-bus bridge, so they change only with a new API version. See docs/event-bus.md.
 */
public final class Addresses {
  /** Internal: a TaskSpawner key that needs reconciling. */
  public static final String SPAWNER_RECONCILE = "axon.internal.taskspawner.reconcile";

  /** Internal: a TaskSpawner key that should poll now (a webhook delivery asked for it). */
  public static final String SPAWNER_POLL = "axon.internal.taskspawner.poll";

  /**
   * Public: leadership of this replica changed. Payload {@code {"leader": bool, "identity":
   * string}}.
   */
  public static final String LEADERSHIP = "axon.leader";

  /** Public: a Task got its first status (it was seen and accepted or refused). */
  public static final String TASK_CREATED = "axon.task.created";

  /** Public: a Task moved to another phase. */
  public static final String TASK_PHASE = "axon.task.phase";

  /** Public: a Task finished (Succeeded or Failed), with the agent's result summary. */
  public static final String TASK_FINISHED = "axon.task.finished";

  private Addresses() {}
}

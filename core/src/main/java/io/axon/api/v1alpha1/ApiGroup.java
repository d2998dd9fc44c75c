package io.axon.api.v1alpha1;

/** Names shared by the API's resources, labels and annotations. */
public final class ApiGroup {
  public static final String GROUP = "axon.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String CATEGORY = "axon";

  /** On Jobs and Pods: the name of the Task they run. */
  public static final String TASK_LABEL = "axon.io/task";

  /** On Tasks created by a TaskSpawner: the spawner's name. */
  public static final String SPAWNER_LABEL = "axon.io/taskspawner";

  /** On Tasks created by a TaskSpawner: the work item's id (the issue number). */
  public static final String ITEM_LABEL = "axon.io/item";

  /**
   * On Tasks created by a TaskSpawner: the work item's link for people (an issue's or pull
   * request's page), where the Task is reported back.
   */
  public static final String ITEM_URL_ANNOTATION = "axon.io/item-url";

  /**
   * On a TaskSpawner, set by its user: each new value asks for a poll now, whatever its
   * pollInterval (`kubectl annotate taskspawner NAME axon.io/poll-now="$(date +%s)" --overwrite`).
   */
  public static final String POLL_NOW_ANNOTATION = "axon.io/poll-now";

  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "axon";

  private ApiGroup() {}
}

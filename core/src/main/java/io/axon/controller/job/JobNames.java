package io.axon.controller.job;

/** The one Job name a Task can have, so that a restarted controller finds its Job again. */
public final class JobNames {
  private JobNames() {}

  /** The Job of a Task is named after it; Task names are limited to 63 characters by the CRD. */
  public static String forTask(String taskName) {
    return taskName;
  }

  /**
   * The Job of one attempt ({@code spec.retry}): the first is {@link #forTask}, a later one {@code
   * <task>-attempt-<n>}, shortened with a hash of the Task's name when that would pass 63
   * characters (the limit of the {@code job-name} label the Job controller puts on its pods).
   */
  public static String forAttempt(String taskName, int attempt) {
    if (attempt <= 1) {
      return forTask(taskName);
    }
    String suffix = "-attempt-" + attempt;
    if (taskName.length() + suffix.length() <= 63) {
      return taskName + suffix;
    }
    String hash = Integer.toHexString(taskName.hashCode() & 0xfffffff);
    String stem = taskName.substring(0, 63 - suffix.length() - hash.length() - 1);
    while (stem.endsWith("-")) {
      stem = stem.substring(0, stem.length() - 1);
    }
    return stem + "-" + hash + suffix;
  }
}

package io.axon.controller.job;

/** The one Job name a Task can have, so that a restarted controller finds its Job again. */
public final class JobNames {
  private JobNames() {}

  /** The Job of a Task is named after it; Task names are limited to 63 characters by the CRD. */
  public static String forTask(String taskName) {
    return taskName;
  }
}

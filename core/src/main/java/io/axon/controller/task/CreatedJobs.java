package io.axon.controller.task;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jobs this process created that its cache may not show yet. Without it, a reconcile triggered by
 * our own status write could race the Job informer and try to create the Job again.
 */
final class CreatedJobs {
  private final Map<String, String> uidByKey = new ConcurrentHashMap<>();

  void remember(String jobKey, String uid) {
    uidByKey.put(jobKey, uid);
  }

  boolean contains(String jobKey) {
    return uidByKey.containsKey(jobKey);
  }

  /** The cache caught up: forget the Job. */
  void seen(String jobKey) {
    uidByKey.remove(jobKey);
  }
}

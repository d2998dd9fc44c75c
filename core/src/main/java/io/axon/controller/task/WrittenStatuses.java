package io.axon.controller.task;

import io.axon.api.v1alpha1.Task;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Status writes this process made that its cache may not show yet. A reconcile triggered by a Job
 * or Pod event can run before the Task informer has delivered our own last write; working from that
 * stale copy would write again with an old resourceVersion and be refused (409). Measured at 1,000
 * Tasks with 32 workers, that was one status write in ten.
 */
final class WrittenStatuses {
  private record Written(String sentVersion, Task result) {}

  private final Map<String, Written> byKey = new ConcurrentHashMap<>();

  /** We wrote {@code result}'s status over the Task at {@code sentVersion}. */
  void remember(String key, String sentVersion, Task result) {
    byKey.put(key, new Written(sentVersion, result));
  }

  /**
   * The freshest Task we know: what our last write returned while the cache still shows the version
   * that write replaced, else the cached one (and the write is forgotten).
   */
  Task freshest(String key, Task cached) {
    Written written = byKey.get(key);
    if (written == null) {
      return cached;
    }
    if (Objects.equals(written.sentVersion(), cached.getMetadata().getResourceVersion())) {
      return written.result();
    }
    byKey.remove(key, written);
    return cached;
  }

  /** The Task is gone. */
  void forget(String key) {
    byKey.remove(key);
  }
}

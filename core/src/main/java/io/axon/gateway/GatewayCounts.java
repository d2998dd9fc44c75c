package io.axon.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Allowed and refused requests per Task, bounded: the least recently used Task is forgotten past
 * {@link #MAX_TASKS}. {@link #drainChanged} hands over the Tasks whose counts moved since the last
 * call, for writing to the cluster.
 */
final class GatewayCounts {
  static final int MAX_TASKS = 10_000;

  record Count(long allowed, long refused) {}

  private final Map<String, long[]> counts =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
          return size() > MAX_TASKS;
        }
      };
  private final Map<String, Boolean> changed = new LinkedHashMap<>();

  synchronized void add(String task, boolean allowed) {
    long[] count = counts.computeIfAbsent(task, k -> new long[2]);
    count[allowed ? 0 : 1]++;
    if (changed.size() < MAX_TASKS) {
      changed.put(task, true);
    }
  }

  synchronized Count get(String task) {
    long[] count = counts.getOrDefault(task, new long[2]);
    return new Count(count[0], count[1]);
  }

  synchronized Map<String, Count> drainChanged() {
    Map<String, Count> out = new LinkedHashMap<>();
    for (String task : changed.keySet()) {
      long[] count = counts.get(task);
      if (count != null) {
        out.put(task, new Count(count[0], count[1]));
      }
    }
    changed.clear();
    return out;
  }
}

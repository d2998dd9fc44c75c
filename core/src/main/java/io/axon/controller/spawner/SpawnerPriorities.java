package io.axon.controller.spawner;

import io.axon.spi.source.WorkItem;
import java.util.Comparator;
import java.util.List;

/**
 * {@code spec.priorityLabels}: items carrying an earlier label of the list go first, those with
 * none last; otherwise the source's order stays (a stable sort). Only matters when {@code
 * maxConcurrency} or {@code maxTotalTasks} leave room for fewer Tasks than there are items.
 */
final class SpawnerPriorities {
  private SpawnerPriorities() {}

  static List<WorkItem> order(List<WorkItem> items, List<String> priorityLabels) {
    if (priorityLabels == null || priorityLabels.isEmpty()) {
      return items;
    }
    return items.stream()
        .sorted(Comparator.comparingInt(item -> rank(item, priorityLabels)))
        .toList();
  }

  private static int rank(WorkItem item, List<String> priorityLabels) {
    for (int i = 0; i < priorityLabels.size(); i++) {
      if (item.labels().contains(priorityLabels.get(i))) {
        return i;
      }
    }
    return priorityLabels.size();
  }
}

package io.axon.controller.budget;

import io.axon.api.v1alpha1.SpendRecord;
import io.axon.api.v1alpha1.TaskBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spending this controller recorded in TaskBudgets that the informer cache may not show yet: a
 * Task admitted right after another's record was written must count it, or it starts over the cap.
 * A record is kept until the cache shows it, or for {@link #KEEP} at most.
 */
final class RecentRecords {
  static final Duration KEEP = Duration.ofMinutes(1);

  private record Written(SpendRecord record, Instant at) {}

  private final Map<String, List<Written>> byBudget = new HashMap<>();

  synchronized void add(TaskBudget budget, SpendRecord record, Instant now) {
    byBudget.values().forEach(list -> list.removeIf(w -> expired(w, now)));
    byBudget.values().removeIf(List::isEmpty);
    List<Written> written = byBudget.computeIfAbsent(key(budget), k -> new ArrayList<>());
    if (written.size() < BudgetLedger.MAX_RECORDS) {
      written.add(new Written(record, now));
    }
  }

  /** The cached budget with the records written since that it does not show yet. */
  synchronized TaskBudget withRecent(TaskBudget cached, Instant now) {
    String key = key(cached);
    List<Written> written = byBudget.get(key);
    if (written == null) {
      return cached;
    }
    written.removeIf(w -> expired(w, now) || BudgetLedger.holds(cached, w.record(), now));
    if (written.isEmpty()) {
      byBudget.remove(key);
      return cached;
    }
    // The cache's metadata and spec (a raised cap counts at once), with the records added.
    TaskBudget merged = new TaskBudget();
    merged.setMetadata(cached.getMetadata());
    merged.setSpec(cached.getSpec());
    merged.setStatus(cached.getStatus());
    for (Written w : written) {
      BudgetLedger.withRecord(merged, w.record(), now).ifPresent(merged::setStatus);
    }
    return merged;
  }

  private static boolean expired(Written written, Instant now) {
    return written.at().plus(KEEP).isBefore(now);
  }

  private static String key(TaskBudget budget) {
    return budget.getMetadata().getNamespace() + "/" + budget.getMetadata().getName();
  }
}

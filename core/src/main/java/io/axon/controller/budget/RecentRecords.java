package io.axon.controller.budget;

import io.axon.api.v1alpha1.SpendRecord;
import io.axon.api.v1alpha1.TaskBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The spending this controller recorded in TaskBudgets that the informer cache may not show yet: a
 * Task admitted right after another's record was written must count it, or it starts over the cap.
 * A record counts until the cache shows the budget as written or later (whatever it then holds: a
 * status someone cleared stays cleared), for {@link #KEEP} at most, and only for the budget it was
 * written to (by uid: a budget deleted and made again starts afresh).
 */
final class RecentRecords {
  static final Duration KEEP = Duration.ofMinutes(1);

  /**
   * @param resourceVersion the budget's after the write
   */
  private record Written(SpendRecord record, String resourceVersion, Instant at) {}

  private final Map<String, List<Written>> byBudget = new HashMap<>();

  /** The budget as the API server answered the write of {@code record}. */
  synchronized void add(TaskBudget written, SpendRecord record, Instant now) {
    byBudget.values().forEach(list -> list.removeIf(w -> expired(w, now)));
    byBudget.values().removeIf(List::isEmpty);
    List<Written> list = byBudget.computeIfAbsent(key(written), k -> new ArrayList<>());
    list.add(new Written(record, written.getMetadata().getResourceVersion(), now));
    while (list.size() > BudgetLedger.MAX_RECORDS) {
      list.remove(0);
    }
  }

  /** The cached budget with the records written since that it does not show yet. */
  synchronized TaskBudget withRecent(TaskBudget cached, Instant now) {
    String key = key(cached);
    List<Written> written = byBudget.get(key);
    if (written == null) {
      return cached;
    }
    String seen = cached.getMetadata().getResourceVersion();
    written.removeIf(w -> expired(w, now) || !isOlder(seen, w.resourceVersion()));
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

  /**
   * Whether the cache's resourceVersion is older than the write's. They are etcd revisions; one
   * that is no number (another storage) counts as caught up, so nothing is ever counted twice.
   */
  private static boolean isOlder(String cached, String written) {
    if (Objects.equals(cached, written)) {
      return false;
    }
    try {
      return Long.parseLong(cached) < Long.parseLong(written);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean expired(Written written, Instant now) {
    return written.at().plus(KEEP).isBefore(now);
  }

  private static String key(TaskBudget budget) {
    return budget.getMetadata().getUid();
  }
}

package io.axon.controller.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.SpendRecord;
import io.axon.api.v1alpha1.TaskBudget;
import io.axon.api.v1alpha1.TaskBudgetSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentRecordsTest {
  private static final Instant NOW = Instant.parse("2026-12-08T04:00:00Z");

  private static TaskBudget budget(String uid, String resourceVersion, double cap) {
    TaskBudget budget = new TaskBudget();
    budget.setMetadata(
        new ObjectMetaBuilder()
            .withName("team-a")
            .withNamespace("ns")
            .withUid(uid)
            .withResourceVersion(resourceVersion)
            .build());
    TaskBudgetSpec spec = new TaskBudgetSpec();
    spec.setSelector(Map.of("team", "a"));
    spec.setDailyCostUSD(cap);
    budget.setSpec(spec);
    return budget;
  }

  private static SpendRecord spent(String uid, double cost) {
    return new SpendRecord("task-" + uid, uid, NOW.toString(), cost, 10L);
  }

  @Test
  void aRecordCountsUntilTheCacheShowsTheWriteThenTheCacheAlone() {
    RecentRecords recent = new RecentRecords();
    recent.add(budget("b1", "11", 0.5), spent("a", 0.6), NOW);

    TaskBudget stale = budget("b1", "10", 0.5);
    assertThat(BudgetLedger.overBudget(recent.withRecent(stale, NOW), NOW)).isPresent();
    assertThat(stale.getStatus()).as("the cache's copy is not changed").isNull();

    TaskBudget caughtUp = budget("b1", "11", 0.5);
    BudgetLedger.withRecord(caughtUp, spent("a", 0.6), NOW).ifPresent(caughtUp::setStatus);
    assertThat(recent.withRecent(caughtUp, NOW)).isSameAs(caughtUp);
    assertThat(recent.withRecent(stale, NOW))
        .as("once the cache showed the write, its records are the cache's to keep")
        .isSameAs(stale);
  }

  @Test
  void aStatusClearedAfterTheWriteStaysCleared() {
    RecentRecords recent = new RecentRecords();
    recent.add(budget("b1", "11", 0.5), spent("a", 0.6), NOW);

    TaskBudget cleared = budget("b1", "12", 0.5);
    assertThat(recent.withRecent(cleared, NOW)).isSameAs(cleared);
    assertThat(BudgetLedger.overBudget(cleared, NOW)).isEmpty();
  }

  @Test
  void aBudgetMadeAgainUnderTheSameNameStartsAfresh() {
    RecentRecords recent = new RecentRecords();
    recent.add(budget("old", "11", 0.5), spent("a", 0.6), NOW);

    TaskBudget again = budget("new", "5", 0.5);
    assertThat(recent.withRecent(again, NOW)).isSameAs(again);
  }

  @Test
  void aRaisedCapInTheCacheCountsAtOnce() {
    RecentRecords recent = new RecentRecords();
    recent.add(budget("b1", "11", 0.5), spent("a", 0.6), NOW);

    assertThat(BudgetLedger.overBudget(recent.withRecent(budget("b1", "10", 5.0), NOW), NOW))
        .isEmpty();
  }

  @Test
  void aRecordTheCacheNeverShowsIsForgottenAfterAMinute() {
    RecentRecords recent = new RecentRecords();
    recent.add(budget("b1", "11", 0.5), spent("a", 0.6), NOW);

    TaskBudget stale = budget("b1", "10", 0.5);
    Instant later = NOW.plus(RecentRecords.KEEP).plusSeconds(1);
    assertThat(recent.withRecent(stale, later)).isSameAs(stale);
  }

  @Test
  void overItsBoundTheOldestRecordGoesNotTheNewest() {
    RecentRecords recent = new RecentRecords();
    for (int i = 0; i < BudgetLedger.MAX_RECORDS; i++) {
      recent.add(budget("b1", Integer.toString(11 + i), 1000), spent("small-" + i, 0.01), NOW);
    }
    recent.add(budget("b1", "9999", 1000), spent("big", 5000), NOW);

    assertThat(BudgetLedger.overBudget(recent.withRecent(budget("b1", "10", 1000), NOW), NOW))
        .isPresent();
  }
}

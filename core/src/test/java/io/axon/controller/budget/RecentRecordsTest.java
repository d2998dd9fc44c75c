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

  private static TaskBudget budget(double cap) {
    TaskBudget budget = new TaskBudget();
    budget.setMetadata(new ObjectMetaBuilder().withName("team-a").withNamespace("ns").build());
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
  void aRecordCountsUntilTheCacheShowsItThenTheCacheAlone() {
    RecentRecords recent = new RecentRecords();
    TaskBudget stale = budget(0.5);
    recent.add(stale, spent("a", 0.6), NOW);

    TaskBudget seen = recent.withRecent(stale, NOW);
    assertThat(BudgetLedger.overBudget(seen, NOW)).isPresent();
    assertThat(stale.getStatus()).as("the cache's copy is not changed").isNull();

    TaskBudget caughtUp = budget(0.5);
    BudgetLedger.withRecord(caughtUp, spent("a", 0.6), NOW).ifPresent(caughtUp::setStatus);
    assertThat(recent.withRecent(caughtUp, NOW)).isSameAs(caughtUp);
    assertThat(recent.withRecent(stale, NOW))
        .as("once the cache showed it, the record is the cache's to keep")
        .isSameAs(stale);
  }

  @Test
  void aRaisedCapInTheCacheCountsAtOnce() {
    RecentRecords recent = new RecentRecords();
    recent.add(budget(0.5), spent("a", 0.6), NOW);

    assertThat(BudgetLedger.overBudget(recent.withRecent(budget(5.0), NOW), NOW)).isEmpty();
  }

  @Test
  void aRecordTheCacheNeverShowsIsForgottenAfterAMinute() {
    RecentRecords recent = new RecentRecords();
    TaskBudget stale = budget(0.5);
    recent.add(stale, spent("a", 0.6), NOW);

    Instant later = NOW.plus(RecentRecords.KEEP).plusSeconds(1);
    assertThat(recent.withRecent(stale, later)).isSameAs(stale);
  }
}

package io.axon.controller.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.SpendRecord;
import io.axon.api.v1alpha1.TaskBudget;
import io.axon.api.v1alpha1.TaskBudgetSpec;
import io.axon.api.v1alpha1.TaskBudgetStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetLedgerTest {
  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  private static TaskBudget budget(Double cost, Long tokens) {
    TaskBudget budget = new TaskBudget();
    budget.setMetadata(new ObjectMetaBuilder().withName("team-a").withNamespace("ns").build());
    TaskBudgetSpec spec = new TaskBudgetSpec();
    spec.setSelector(Map.of("team", "a"));
    spec.setDailyCostUSD(cost);
    spec.setDailyTokens(tokens);
    budget.setSpec(spec);
    budget.setStatus(new TaskBudgetStatus());
    return budget;
  }

  private static SpendRecord spent(String uid, Instant at, double cost, long tokens) {
    return new SpendRecord("task-" + uid, uid, at.toString(), cost, tokens);
  }

  private static TaskBudget add(TaskBudget budget, SpendRecord record) {
    BudgetLedger.withRecord(budget, record, NOW).ifPresent(budget::setStatus);
    return budget;
  }

  @Test
  void coversTasksWithAllTheSelectorsLabels() {
    TaskBudget budget = budget(1.0, null);
    assertThat(BudgetLedger.covers(budget, Map.of("team", "a", "x", "y"))).isTrue();
    assertThat(BudgetLedger.covers(budget, Map.of("team", "b"))).isFalse();
    assertThat(BudgetLedger.covers(budget, null)).isFalse();
    budget.getSpec().setSelector(Map.of());
    assertThat(BudgetLedger.covers(budget, null)).as("empty selector: every Task").isTrue();
  }

  @Test
  void aTaskIsRecordedOnceAndTheTotalsFollow() {
    TaskBudget budget = budget(1.0, null);
    add(budget, spent("u1", NOW.minusSeconds(60), 0.25, 100));
    assertThat(BudgetLedger.withRecord(budget, spent("u1", NOW, 0.25, 100), NOW)).isEmpty();
    add(budget, spent("u2", NOW.minusSeconds(30), 0.5, 50));
    assertThat(budget.getStatus().getSpentCostUSD()).isEqualTo("0.75");
    assertThat(budget.getStatus().getSpentTokens()).isEqualTo(150);
    assertThat(BudgetLedger.overBudget(budget, NOW)).isEmpty();
  }

  @Test
  void eachAttemptOfARetriedTaskIsRecordedOnce() {
    TaskBudget budget = budget(1.0, null);
    add(budget, spent("u1", NOW.minusSeconds(60), 0.25, 100));
    SpendRecord second = spent("u1", NOW.minusSeconds(30), 0.5, 50);
    second.setAttempt(2);
    add(budget, second);
    assertThat(BudgetLedger.withRecord(budget, second, NOW)).as("attempt 2 again").isEmpty();
    assertThat(budget.getStatus().getRecords()).hasSize(2);
    assertThat(budget.getStatus().getSpentCostUSD()).isEqualTo("0.75");
  }

  @Test
  void atTheCapNewTasksWaitUntilTheOldestSpendingLeavesTheWindow() {
    TaskBudget budget = budget(1.0, null);
    Instant first = NOW.minus(Duration.ofHours(23));
    add(budget, spent("u1", first, 0.6, 0));
    add(budget, spent("u2", NOW.minusSeconds(10), 0.4, 0));

    assertThat(BudgetLedger.overBudget(budget, NOW))
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .startsWith("TaskBudget \"team-a\": $1.00 of its $1.00 a day spent")
                    .contains("until " + first.plus(Duration.ofHours(24))));
    assertThat(BudgetLedger.nextExpiry(budget, NOW)).contains(Duration.ofHours(1));
    // An hour and a minute later the first spending has left the window.
    assertThat(BudgetLedger.overBudget(budget, NOW.plus(Duration.ofMinutes(61)))).isEmpty();
  }

  @Test
  void theTokenCapHoldsToo() {
    TaskBudget budget = budget(null, 1000L);
    add(budget, spent("u1", NOW.minusSeconds(5), 0, 1200));
    assertThat(BudgetLedger.overBudget(budget, NOW))
        .hasValueSatisfying(why -> assertThat(why).contains("1200 of its 1000 tokens a day"));
  }

  @Test
  void recordsExpireAndAreBounded() {
    TaskBudget budget = budget(1_000_000.0, null);
    add(budget, spent("old", NOW.minus(Duration.ofHours(25)), 5, 0));
    for (int i = 0; i < BudgetLedger.MAX_RECORDS + 10; i++) {
      add(budget, spent("u" + i, NOW.minusSeconds(BudgetLedger.MAX_RECORDS + 10 - i), 0.01, 1));
    }
    assertThat(budget.getStatus().getRecords()).hasSize(BudgetLedger.MAX_RECORDS);
    assertThat(budget.getStatus().getRecords())
        .noneMatch(r -> r.getUid().equals("old") || r.getUid().equals("u0"));
  }
}

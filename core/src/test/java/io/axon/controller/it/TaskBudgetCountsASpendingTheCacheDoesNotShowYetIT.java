package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskBudget;
import io.axon.api.v1alpha1.TaskBudgetSpec;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.Fixtures;
import io.axon.controller.budget.TaskBudgets;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On the real API server: a Task's spending that the controller has just recorded in a TaskBudget
 * holds the next Task the budget covers even while the informer cache still shows the budget
 * without it.
 */
class TaskBudgetCountsASpendingTheCacheDoesNotShowYetIT {
  static final String NS = "lagging-budget";
  static ControlPlane plane;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    plane.createNamespace(NS);
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void theNextTaskWaitsForASpendingTheCacheHasNotDelivered() {
    TaskBudget budget = new TaskBudget();
    budget.setMetadata(new ObjectMetaBuilder().withName("team-a").withNamespace(NS).build());
    TaskBudgetSpec spec = new TaskBudgetSpec();
    spec.setSelector(Map.of("team", "a"));
    spec.setDailyCostUSD(0.5);
    budget.setSpec(spec);
    TaskBudget created = client.resource(budget).create();
    // The cache as an informer that has not delivered the status write yet.
    AtomicReference<TaskBudget> cached = new AtomicReference<>(Serialization.clone(created));
    TaskBudgets budgets = new TaskBudgets(client, ns -> List.of(cached.get()), Clock.systemUTC());

    Task spender = task("spender");
    assertThat(budgets.hold(spender)).as("nothing spent yet").isEmpty();
    budgets.record(spender, ended(0.6));

    TaskBudget stored = client.resource(created).get();
    assertThat(stored.getStatus().getRecords()).as("the records on the server").hasSize(1);
    assertThat(stored.getStatus().getSpentCostUSD()).isEqualTo("0.60");
    assertThat(cached.get().getStatus()).as("the lagging cache").isNull();
    assertThat(budgets.hold(task("next")))
        .as("the next Task of the team, while the cache lags")
        .hasValueSatisfying(
            hold ->
                assertThat(hold.message())
                    .startsWith(
                        "TaskBudget \"team-a\": $0.60 of its $0.50 a day spent in the last 24"
                            + " hours."));

    cached.set(stored); // the informer catches up
    assertThat(budgets.hold(task("later")))
        .hasValueSatisfying(hold -> assertThat(hold.message()).contains("$0.60 of its $0.50"));
  }

  private static Task task(String name) {
    Task task = Fixtures.task(NS, name);
    task.getMetadata().setLabels(Map.of("team", "a"));
    task.getMetadata().setUid(UUID.nameUUIDFromBytes(name.getBytes()).toString());
    return task;
  }

  private static TaskStatus ended(double costUsd) {
    TaskResult result = new TaskResult();
    result.setCostUSD(Double.toString(costUsd));
    result.setInputTokens(1000L);
    result.setOutputTokens(200L);
    TaskStatus status = new TaskStatus();
    status.setResult(result);
    return status;
  }
}

package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskBudget;
import io.axon.api.v1alpha1.TaskBudgetSpec;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.axon.controller.budget.TaskBudgets;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A TaskBudget on a real control plane (Jobs run, kwok plays the pods, the controller runs with the
 * shipped RBAC): what a finished Task spent is recorded in the budget and still counts after the
 * Task is deleted, and a new Task the budget covers then waits, Waiting with {@code
 * Accepted=False/OverBudget} and no Job, while a Task it does not cover runs; raising the cap lets
 * it start at once, and all along the controller reads budgets from its informer, never listing
 * them per Task.
 */
class TaskBudgetHoldsTasksIT {
  static final String NS = "budgets";
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension static final KwokControlPlane cluster = new KwokControlPlane(NS);

  private static Task task(String name, String team) {
    Task task = Fixtures.task(NS, name);
    task.getMetadata().setLabels(Map.of("team", team));
    return cluster.client.resource(task).create();
  }

  private static Task get(String name) {
    return cluster.client.resources(Task.class).inNamespace(NS).withName(name).get();
  }

  @Test
  void spendingOutlivesItsTaskAndHoldsTheNextTaskOfTheTeam() {
    long listsAtStart = cluster.controller.requests.lists("taskbudgets");
    assertThat(listsAtStart).as("the TaskBudget informer's list").isEqualTo(1);
    TaskBudget budget = new TaskBudget();
    budget.setMetadata(new ObjectMetaBuilder().withName("team-a").withNamespace(NS).build());
    TaskBudgetSpec spec = new TaskBudgetSpec();
    spec.setSelector(Map.of("team", "a"));
    spec.setDailyCostUSD(0.5);
    budget.setSpec(spec);
    cluster.client.resource(budget).create();

    cluster.pods.fail(
        "spender",
        1,
        "Error",
        "{\"outcome\":\"Failed\",\"reason\":\"limit_reached\",\"limit\":\"maxCostUSD\","
            + "\"costUSD\":0.6,\"inputTokens\":1000,\"outputTokens\":200,\"turns\":3}");
    task("spender", "a");
    Eventually.await(
        TIMEOUT,
        "Task spender Failed",
        () -> get("spender"),
        t -> t.getStatus() != null && t.getStatus().getPhase() == TaskPhase.Failed);
    TaskBudget recorded =
        Eventually.await(
            TIMEOUT,
            "the budget's record of spender",
            () ->
                cluster.client.resources(TaskBudget.class).inNamespace(NS).withName("team-a").get(),
            b -> b.getStatus() != null && b.getStatus().getRecords().size() == 1);
    assertThat(recorded.getStatus().getSpentCostUSD()).isEqualTo("0.60");
    assertThat(recorded.getStatus().getSpentTokens()).isEqualTo(1200);
    assertThat(recorded.getStatus().getRecords().get(0).getTask()).isEqualTo("spender");

    cluster.client.resources(Task.class).inNamespace(NS).withName("spender").delete();
    cluster
        .client
        .resources(Task.class)
        .inNamespace(NS)
        .withName("spender")
        .waitUntilCondition(t -> t == null, 60, TimeUnit.SECONDS);

    Instant nextCreated = Instant.now();
    task("next", "a");
    task("other-team", "b");

    Task held =
        Eventually.await(
            TIMEOUT,
            "Task next held by its budget",
            () -> get("next"),
            t ->
                t.getStatus() != null
                    && t.getStatus().getConditions().stream()
                        .anyMatch(
                            c ->
                                c.getType().equals("Accepted")
                                    && c.getStatus().equals("False")
                                    && TaskBudgets.REASON_OVER_BUDGET.equals(c.getReason())));
    assertThat(held.getStatus().getPhase()).isEqualTo(TaskPhase.Waiting);
    assertThat(held.getStatus().getMessage())
        .startsWith("TaskBudget \"team-a\": $0.60 of its $0.50 a day spent in the last 24 hours.");
    assertThat(cluster.client.batch().v1().jobs().inNamespace(NS).withName("next").get())
        .as("a held Task gets no Job")
        .isNull();
    Eventually.await(
        TIMEOUT,
        "the Job of a Task the budget does not cover",
        () -> cluster.client.batch().v1().jobs().inNamespace(NS).withName("other-team").get(),
        job -> true);

    // A raised cap wakes the waiting Task (the budget informer's event), before the recheck due a
    // minute after its first reconcile, which came after it was created.
    TaskBudget raised =
        cluster.client.resources(TaskBudget.class).inNamespace(NS).withName("team-a").get();
    raised.getSpec().setDailyCostUSD(5.0);
    cluster.client.resource(raised).update();
    Eventually.await(
        TaskBudgets.RECHECK.plus(TIMEOUT),
        "the Job of the Task once its budget allows it",
        () -> cluster.client.batch().v1().jobs().inNamespace(NS).withName("next").get(),
        job -> true);
    assertThat(Duration.between(nextCreated, Instant.now()))
        .as("from the held Task's creation to its Job")
        .isLessThan(TaskBudgets.RECHECK);

    // Three Tasks admitted or held, one spending recorded: no list of TaskBudgets for any of them.
    assertThat(cluster.controller.requests.lists("taskbudgets"))
        .as("lists of TaskBudgets, the informer's first included")
        .isEqualTo(listsAtStart);
  }
}

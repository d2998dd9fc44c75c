package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskBudget;
import io.axon.api.v1alpha1.TaskBudgetSpec;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.axon.controller.budget.TaskBudgets;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A finished Task's spending reaches its TaskBudget even when the controller that saw it finish
 * could not record it and was then killed: the Task is marked finished only once its spending is
 * recorded, so the next controller records it (once), and after the Task is deleted the budget
 * still counts it and holds the team's next Task Waiting.
 */
class BudgetSpendingSurvivesARestartIT {
  static final String NS = "budget-restart";
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static final String SPENT =
      "{\"outcome\":\"Failed\",\"reason\":\"limit_reached\",\"limit\":\"maxCostUSD\","
          + "\"costUSD\":0.6,\"inputTokens\":1000,\"outputTokens\":200,\"turns\":3}";

  static ControlPlane plane;
  static KubernetesClient client;
  static KwokPods pods;
  static final String CONTROLLER_ROLE = "axon-controller"; // deploy/controller/rbac.yaml

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
    plane.createNamespace(NS);
    pods = new KwokPods(client, NS);
  }

  @AfterAll
  static void stop() {
    if (pods != null) {
      pods.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void spendingTheFirstControllerCouldNotRecordIsRecordedByTheNext() {
    TaskBudget budget = new TaskBudget();
    budget.setMetadata(new ObjectMetaBuilder().withName("team-a").withNamespace(NS).build());
    TaskBudgetSpec spec = new TaskBudgetSpec();
    spec.setSelector(Map.of("team", "a"));
    spec.setDailyCostUSD(0.5);
    budget.setSpec(spec);
    client.resource(budget).create();

    // The shipped ClusterRole, less the rule that lets the controller write a budget's status.
    List<PolicyRule> shipped = clusterRole().get().getRules();
    clusterRole()
        .edit(
            r -> {
              r.setRules(
                  shipped.stream()
                      .filter(rule -> !rule.getResources().contains("taskbudgets/status"))
                      .toList());
              return r;
            });
    assertThat(clusterRole().get().getRules()).hasSize(shipped.size() - 1);

    pods.fail("spender", 1, "Error", SPENT);
    ControllerInstance first = new ControllerInstance(plane);
    client.resource(task("spender")).create();
    Eventually.await(
        TIMEOUT,
        "the first controller refused writing the budget",
        () ->
            first.requests.count(c -> c.resource().equals("taskbudgets/status") && c.code() == 403),
        n -> n > 0);
    assertThat(get("spender").getStatus().getPhase())
        .as("not marked finished while its spending is unrecorded")
        .isNotEqualTo(TaskPhase.Failed);
    first.kill();

    clusterRole()
        .edit(
            r -> {
              r.setRules(shipped);
              return r;
            });
    try (ControllerInstance second = new ControllerInstance(plane)) {
      Task spender =
          Eventually.await(
              TIMEOUT,
              "Task spender Failed",
              () -> get("spender"),
              t -> t.getStatus() != null && t.getStatus().getPhase() == TaskPhase.Failed);
      assertThat(spender.getStatus().getResult().getReason()).isEqualTo("LimitReached");
      TaskBudget recorded =
          client.resources(TaskBudget.class).inNamespace(NS).withName("team-a").get();
      assertThat(recorded.getStatus().getRecords())
          .as("recorded once, before the Task was marked Failed")
          .singleElement()
          .satisfies(r -> assertThat(r.getTask()).isEqualTo("spender"));
      assertThat(recorded.getStatus().getSpentCostUSD()).isEqualTo("0.60");
      assertThat(recorded.getStatus().getSpentTokens()).isEqualTo(1200);

      client.resources(Task.class).inNamespace(NS).withName("spender").delete();
      client
          .resources(Task.class)
          .inNamespace(NS)
          .withName("spender")
          .waitUntilCondition(t -> t == null, 60, TimeUnit.SECONDS);
      client.resource(task("next")).create();

      Task held =
          Eventually.await(
              TIMEOUT,
              "Task next held by its budget",
              () -> get("next"),
              t ->
                  t.getStatus() != null
                      && t.getStatus().getConditions().stream()
                          .anyMatch(c -> TaskBudgets.REASON_OVER_BUDGET.equals(c.getReason())));
      assertThat(held.getStatus().getPhase()).isEqualTo(TaskPhase.Waiting);
      assertThat(held.getStatus().getMessage())
          .startsWith(
              "TaskBudget \"team-a\": $0.60 of its $0.50 a day spent in the last 24 hours.");
      assertThat(client.batch().v1().jobs().inNamespace(NS).withName("next").get())
          .as("a held Task gets no Job")
          .isNull();
      assertThat(
              client
                  .resources(TaskBudget.class)
                  .inNamespace(NS)
                  .withName("team-a")
                  .get()
                  .getStatus()
                  .getRecords())
          .as("still one record after the restart and the deletion")
          .hasSize(1);
    }
  }

  private static Resource<ClusterRole> clusterRole() {
    return client.rbac().clusterRoles().withName(CONTROLLER_ROLE);
  }

  private static Task task(String name) {
    Task task = Fixtures.task(NS, name);
    task.getMetadata().setLabels(Map.of("team", "a"));
    return task;
  }

  private static Task get(String name) {
    return client.resources(Task.class).inNamespace(NS).withName(name).get();
  }
}

package io.axon.examples;

import static io.axon.controller.ControllerHarness.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.TaskBudget;
import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** examples/task-with-limits.yaml as a user applies it: its limits reach the agent's pod. */
@EnableKubernetesMockClient(crud = true)
class LimitsExampleTest {
  static final Path EXAMPLE = Path.of("..", "examples", "task-with-limits.yaml");
  KubernetesClient client;

  @Test
  void theTasksLimitsReachItsAgentAndItsBudgetAdmitsIt() throws IOException {
    try (ControllerHarness harness =
        new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()))) {
      try (InputStream in = Files.newInputStream(EXAMPLE)) {
        client.load(in).inNamespace(Fixtures.NAMESPACE).create();
      }

      awaitTask(
          client,
          "fix-flaky-test",
          t -> t.getStatus() != null && t.getStatus().getJobName() != null,
          "Job");
      Job job =
          client
              .batch()
              .v1()
              .jobs()
              .inNamespace(Fixtures.NAMESPACE)
              .withName("fix-flaky-test")
              .get();
      Map<String, String> env =
          job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
              .filter(e -> e.getValue() != null)
              .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
      assertThat(env)
          .containsEntry("AXON_TASK_NAME", "fix-flaky-test")
          .containsEntry("AXON_MAX_TURNS", "60")
          .containsEntry("AXON_MAX_COST_USD", "2.5")
          .containsEntry("AXON_MAX_DURATION_SECONDS", "2700")
          .containsEntry("AXON_MAX_OUTPUT_TOKENS", "200000");
      TaskBudget budget =
          client
              .resources(TaskBudget.class)
              .inNamespace(Fixtures.NAMESPACE)
              .withName("team-web")
              .get();
      assertThat(budget.getSpec().getSelector()).containsEntry("team", "web");
      assertThat(budget.getSpec().getDailyCostUSD()).isEqualTo(25.0);
    }
  }
}

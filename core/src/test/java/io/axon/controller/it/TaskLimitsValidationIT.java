package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskLimits;
import io.axon.controller.Fixtures;
import io.axon.controller.job.AgentJobBuilder;
import io.axon.controller.job.AgentPodSettings;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real API server keeps a Task's {@code spec.limits} as written and refuses each wrong limit with
 * a message that says what is expected; the stored limits reach the agent's entrypoint as its
 * variables.
 */
class TaskLimitsValidationIT {
  static final String NS = "task-limits";
  static ControlPlane plane;
  static KubernetesClient client;

  @BeforeAll
  static void startControlPlane() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    plane.createNamespace(NS);
  }

  @AfterAll
  static void stopControlPlane() {
    if (plane != null) {
      plane.close();
    }
  }

  private static Task task(String name, Consumer<TaskLimits> limits) {
    Task task = Fixtures.task(NS, name);
    TaskLimits value = new TaskLimits();
    limits.accept(value);
    task.getSpec().setLimits(value);
    return task;
  }

  @Test
  void limitsAreKeptAndReachTheAgentsEnvironment() {
    Task created =
        client
            .resource(
                task(
                    "all-limits",
                    l -> {
                      l.setMaxTurns(40);
                      l.setMaxCostUSD(2.5);
                      l.setMaxDuration("1h30m");
                      l.setMaxOutputTokens(200_000L);
                    }))
            .create();
    assertThat(created.getSpec().getLimits().getMaxCostUSD()).isEqualTo(2.5);
    assertThat(created.getSpec().getLimits().getMaxDuration()).isEqualTo("1h30m");

    Job job =
        new AgentJobBuilder(AgentPodSettings.DEFAULTS)
            .build(created, Optional.empty(), Fixtures.claudeLike());
    Job stored = client.resource(job).inNamespace(NS).create();
    Map<String, String> env =
        stored.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
            .filter(e -> e.getValue() != null)
            .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env)
        .containsEntry("AXON_TASK_NAME", "all-limits")
        .containsEntry("AXON_MAX_TURNS", "40")
        .containsEntry("AXON_MAX_COST_USD", "2.5")
        .containsEntry("AXON_MAX_DURATION_SECONDS", "5400")
        .containsEntry("AXON_MAX_OUTPUT_TOKENS", "200000");
  }

  @Test
  void eachWrongLimitIsRefusedSayingWhatIsExpected() {
    assertRefused(
        task("zero-turns", l -> l.setMaxTurns(0)), "should be greater than or equal to 1");
    assertRefused(task("free", l -> l.setMaxCostUSD(0.0)), "should be greater than 0");
    assertRefused(
        task("words", l -> l.setMaxDuration("five minutes")),
        "maxDuration must be a duration such as 30m, 1h30m or 90s, from 1s to 168h");
    assertRefused(
        task("too-long", l -> l.setMaxDuration("200h")),
        "maxDuration must be a duration such as 30m, 1h30m or 90s, from 1s to 168h");
    assertRefused(
        task("no-tokens", l -> l.setMaxOutputTokens(0L)), "should be greater than or equal to 1");
  }

  private static void assertRefused(Task task, String message) {
    assertThatThrownBy(() -> client.resource(task).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.limits.")
        .hasMessageContaining(message);
  }
}

package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskLimits;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.api.v1alpha1.TaskStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code axon describe task} shows the Task's limits and the one that stopped its run. */
@EnableKubernetesMockClient(crud = true)
class DescribeLimitsTest {
  KubernetesClient client;

  @TempDir Path home;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(client, home);
  }

  @Test
  void theLimitsAndTheLimitThatStoppedTheRunAreShown() {
    Task task = Fixtures.task("test", "limited", "2026-01-01T00:00:00Z");
    TaskLimits limits = new TaskLimits();
    limits.setMaxTurns(40);
    limits.setMaxCostUSD(2.5);
    limits.setMaxDuration("45m");
    task.getSpec().setLimits(limits);
    task = client.resource(task).create();
    TaskStatus status = new TaskStatus();
    status.setPhase(TaskPhase.Failed);
    TaskResult result = new TaskResult();
    result.setOutcome("Failed");
    result.setReason("limit_reached");
    result.setLimit("maxCostUSD");
    result.setBranch("axon/limited-wip");
    status.setResult(result);
    task.setStatus(status);
    client.resource(task).updateStatus();

    Cli.Result described = cli.run("describe", "task", "limited");

    assertThat(described.exitCode()).as(described.toString()).isZero();
    assertThat(described.out())
        .contains("Limits:       maxTurns 40, maxCostUSD $2.5, maxDuration 45m\n")
        .contains("  Reason:       limit_reached\n")
        .contains("  Limit:        maxCostUSD\n")
        .contains("  Branch:       axon/limited-wip\n");
  }
}

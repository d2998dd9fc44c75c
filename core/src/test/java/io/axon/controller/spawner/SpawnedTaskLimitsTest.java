package io.axon.controller.spawner;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskLimits;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.status.TerminationMessage;
import io.axon.spi.source.WorkItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A taskTemplate's limits reach each spawned Task; a limit's stop reaches the Task's status. */
class SpawnedTaskLimitsTest {

  @Test
  void eachSpawnedTaskGetsItsOwnCopyOfTheTemplatesLimits() {
    TaskSpawner spawner = SpawnerFixtures.spawner("issues");
    TaskLimits limits = new TaskLimits();
    limits.setMaxTurns(30);
    limits.setMaxCostUSD(1.25);
    limits.setMaxDuration("45m");
    limits.setMaxOutputTokens(50_000L);
    spawner.getSpec().getTaskTemplate().setLimits(limits);
    WorkItem item = new WorkItem("7", 7, "Fix it", "body", "https://x/7", List.of(), Map.of());

    Task task = SpawnedTasks.build(spawner, item, "Fix it", "ws");

    TaskLimits copied = task.getSpec().getLimits();
    assertThat(copied).isNotSameAs(limits);
    assertThat(copied.getMaxTurns()).isEqualTo(30);
    assertThat(copied.getMaxCostUSD()).isEqualTo(1.25);
    assertThat(copied.getMaxDuration()).isEqualTo("45m");
    assertThat(copied.getMaxOutputTokens()).isEqualTo(50_000L);
  }

  @Test
  void theLimitThatStoppedARunReachesTheTasksResult() {
    var result =
        TerminationMessage.parse(
            "{\"outcome\":\"Failed\",\"reason\":\"limit_reached\",\"limit\":\"maxCostUSD\","
                + "\"costUSD\":1.2712,\"branch\":\"axon/issues-7-wip\",\"commit\":\"3f2a\"}");
    // The raw reason is the agent's; the class (status.result.reason) is FailureClassifier's.
    assertThat(result.getAgentReason()).isEqualTo("limit_reached");
    assertThat(result.getWipBranch()).isEqualTo("axon/issues-7-wip");
    assertThat(result.getLimit()).isEqualTo("maxCostUSD");
    assertThat(result.getBranch()).isEqualTo("axon/issues-7-wip");
    assertThat(result.getCostUSD()).isEqualTo("1.2712");
  }
}

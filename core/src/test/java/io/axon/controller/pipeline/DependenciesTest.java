package io.axon.controller.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.Fixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DependenciesTest {
  private final Map<String, Task> tasks = new HashMap<>();

  private Task task(String name, TaskPhase phase, String... dependsOn) {
    Task task = Fixtures.task(name);
    task.getSpec().setDependsOn(List.of(dependsOn));
    if (phase != null) {
      TaskStatus status = new TaskStatus();
      status.setPhase(phase);
      status.setMessage(name + " says why");
      task.setStatus(status);
    }
    tasks.put(name, task);
    return task;
  }

  private DependencyState of(Task task) {
    return Dependencies.of(task, name -> Optional.ofNullable(tasks.get(name)));
  }

  @Test
  void readyWhenEveryDependencySucceeded() {
    task("a", TaskPhase.Succeeded);
    task("b", TaskPhase.Succeeded);
    DependencyState state = of(task("c", null, "a", "b"));
    assertThat(state).isInstanceOf(DependencyState.Ready.class);
    assertThat(((DependencyState.Ready) state).dependencies()).containsOnlyKeys("a", "b");
  }

  @Test
  void waitsForUnfinishedAndMissingOnes() {
    task("a", TaskPhase.Running);
    task("b", TaskPhase.Succeeded);
    assertThat(of(task("c", TaskPhase.Waiting, "a", "b", "later")))
        .isEqualTo(new DependencyState.Waiting(List.of("a"), List.of("later")));
  }

  @Test
  void aFailedDependencyIsNamedWithItsMessage() {
    task("a", TaskPhase.Succeeded);
    task("b", TaskPhase.Failed);
    assertThat(of(task("c", null, "a", "b")))
        .isEqualTo(new DependencyState.DependencyFailed("b", "b says why"));
  }

  @Test
  void aCycleIsFoundWithItsPath() {
    task("a", TaskPhase.Waiting, "b");
    task("b", TaskPhase.Waiting, "x", "c");
    task("x", TaskPhase.Succeeded);
    task("c", TaskPhase.Waiting, "a");
    assertThat(of(tasks.get("a")))
        .isEqualTo(new DependencyState.Cycle(List.of("a", "b", "c", "a")));
  }

  @Test
  void aDependencyFailedForTheCycleStillShowsTheCycle() {
    task("a", TaskPhase.Waiting, "b");
    Task b = task("b", TaskPhase.Failed, "a");
    b.getStatus()
        .setConditions(
            List.of(
                new io.fabric8.kubernetes.api.model.ConditionBuilder()
                    .withType("Succeeded")
                    .withStatus("False")
                    .withReason(PipelineConditions.REASON_DEPENDENCY_CYCLE)
                    .build()));
    assertThat(of(tasks.get("a"))).isEqualTo(new DependencyState.Cycle(List.of("a", "b", "a")));
  }

  @Test
  void aFinishedTaskClosesNoCycle() {
    // b finished before it was re-created pointing back: nothing waits in a circle.
    task("a", TaskPhase.Waiting, "b", "c");
    task("b", TaskPhase.Succeeded, "a");
    task("c", TaskPhase.Running);
    assertThat(of(tasks.get("a"))).isInstanceOf(DependencyState.Waiting.class);
  }

  @Test
  void theSearchIsBoundedOnALongChain() {
    for (int i = 0; i < 3 * Dependencies.MAX_VISITED; i++) {
      task("t" + i, TaskPhase.Waiting, "t" + (i + 1));
    }
    task("t" + 3 * Dependencies.MAX_VISITED, TaskPhase.Waiting, "t0");
    // Too long to follow around: reported as waiting, not searched forever.
    assertThat(of(tasks.get("t0"))).isInstanceOf(DependencyState.Waiting.class);
  }
}

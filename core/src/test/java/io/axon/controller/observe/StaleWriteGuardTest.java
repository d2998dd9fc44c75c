package io.axon.controller.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.Fixtures;
import io.axon.controller.task.TaskTransition;
import org.junit.jupiter.api.Test;

class StaleWriteGuardTest {
  final StaleWriteGuard guard = new StaleWriteGuard();

  @Test
  void aSecondWriteFromTheSameCachedVersionIsRebasedOnTheFirst() {
    Task cached = task("5");
    TaskTransition first =
        guard.rebase(
            new TaskTransition(cached, status(TaskPhase.Pending), status(TaskPhase.Running)));
    TaskTransition again =
        guard.rebase(
            new TaskTransition(cached, status(TaskPhase.Pending), status(TaskPhase.Running)));

    assertThat(first.phaseChanged()).isTrue();
    assertThat(again.previousPhase()).isEqualTo(TaskPhase.Running);
    assertThat(again.phaseChanged()).isFalse();
  }

  @Test
  void writesFromNewerVersionsPassUnchanged() {
    guard.rebase(
        new TaskTransition(task("5"), status(TaskPhase.Pending), status(TaskPhase.Running)));
    TaskStatus running = status(TaskPhase.Running);
    TaskTransition next =
        guard.rebase(new TaskTransition(task("6"), running, status(TaskPhase.Succeeded)));

    assertThat(next.previous()).isSameAs(running);
    assertThat(next.phaseChanged()).isTrue();
  }

  private static Task task(String resourceVersion) {
    Task task = Fixtures.task("t");
    task.getMetadata().setResourceVersion(resourceVersion);
    return task;
  }

  private static TaskStatus status(TaskPhase phase) {
    TaskStatus status = new TaskStatus();
    status.setPhase(phase);
    return status;
  }
}

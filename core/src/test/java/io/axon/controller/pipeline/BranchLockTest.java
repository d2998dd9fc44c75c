package io.axon.controller.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.Fixtures;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BranchLockTest {
  static final String REPO = "https://github.com/your-org/your-repo.git";

  private static Task task(String name, String created, TaskPhase phase) {
    Task task = Fixtures.task(name);
    task.getMetadata().setCreationTimestamp(created);
    task.getSpec().setBranch("feature");
    if (phase != null) {
      TaskStatus status = new TaskStatus();
      status.setPhase(phase);
      task.setStatus(status);
    }
    return task;
  }

  private static BranchLock.State state(
      Task task, List<Task> all, Set<String> withJob, Set<String> notReady) {
    return BranchLock.of(
        task,
        REPO,
        all,
        t -> Optional.of(t.getMetadata().getName().startsWith("other-repo") ? "https://x/y" : REPO),
        t -> withJob.contains(t.getMetadata().getName()),
        t -> !notReady.contains(t.getMetadata().getName()));
  }

  @Test
  void anUnfinishedTaskWithAJobHoldsTheBranch() {
    Task first = task("first", "2026-01-01T00:00:02Z", TaskPhase.Running);
    Task second = task("second", "2026-01-01T00:00:01Z", TaskPhase.Waiting);
    BranchLock.State state = state(second, List.of(first, second), Set.of("first"), Set.of());
    assertThat(state).isInstanceOf(BranchLock.Held.class);
    assertThat(((BranchLock.Held) state).holder().getMetadata().getName()).isEqualTo("first");
  }

  @Test
  void withNoHolderTheOldestReadyTaskGoesFirst() {
    Task older = task("older", "2026-01-01T00:00:01Z", null);
    Task younger = task("younger", "2026-01-01T00:00:02Z", null);
    List<Task> all = List.of(older, younger);
    assertThat(state(younger, all, Set.of(), Set.of())).isInstanceOf(BranchLock.Queued.class);
    assertThat(state(older, all, Set.of(), Set.of())).isInstanceOf(BranchLock.Free.class);
    // An older Task that still waits for its dependencies does not hold the line.
    assertThat(state(younger, all, Set.of(), Set.of("older"))).isInstanceOf(BranchLock.Free.class);
  }

  @Test
  void finishedTasksAndOtherRepositoriesDoNotCount() {
    Task done = task("done", "2026-01-01T00:00:01Z", TaskPhase.Succeeded);
    Task elsewhere = task("other-repo", "2026-01-01T00:00:01Z", TaskPhase.Running);
    Task me = task("me", "2026-01-01T00:00:03Z", null);
    assertThat(state(me, List.of(done, elsewhere, me), Set.of("done", "other-repo"), Set.of()))
        .isInstanceOf(BranchLock.Free.class);
  }

  @Test
  void repositoryUrlsAreComparedAsTheSameRepository() {
    assertThat(BranchLock.normalize("https://GitHub.com/Org/Repo.git/"))
        .isEqualTo(BranchLock.normalize("https://github.com/Org/Repo"));
    assertThat(BranchLock.normalize("https://github.com/Org/Repo"))
        .isNotEqualTo(BranchLock.normalize("https://github.com/org/repo"));
  }
}

package io.axon.controller.it;

import static io.axon.controller.it.PipelineTasks.onBranch;
import static io.axon.controller.pipeline.PipelineConditions.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tasks that share a repository and {@code spec.branch} run one at a time, on a real control plane
 * whose pods kwok plays: the one that waits says for whom (phase Waiting, condition
 * BranchLockHeld), the lock holds across a controller restart (it is derived from the live Tasks),
 * and a Task on another branch is not held up.
 */
class BranchLockIT {
  static final String NS = "branches";

  @RegisterExtension static final KwokControlPlane cluster = new KwokControlPlane(NS);
  static final PipelineTasks tasks = new PipelineTasks(cluster::client, NS);

  @Test
  void tasksOnOneBranchOfOneRepositoryRunOneAtATime() {
    tasks.workspace("repo", "https://github.com/your-org/your-repo.git");
    // Another Workspace, the same repository spelled otherwise: the same lock.
    tasks.workspace("same-repo", "https://GitHub.com/your-org/your-repo/");
    cluster.pods.runFor("holder", "15s");
    tasks.create("holder", onBranch("repo", "feature/login"));
    tasks.awaitPhase("holder", TaskPhase.Running);
    assertThat(PipelineTasks.condition(tasks.get("holder"), BRANCH_LOCK_HELD))
        .get()
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));

    tasks.create("follower", onBranch("same-repo", "feature/login"));
    tasks.create("elsewhere", onBranch("repo", "feature/other"));

    Task waiting = tasks.awaitCondition("follower", BRANCH_LOCK_HELD, "False", REASON_BRANCH_BUSY);
    assertThat(waiting.getStatus().getPhase()).isEqualTo(TaskPhase.Waiting);
    assertThat(waiting.getStatus().getMessage())
        .isEqualTo(
            "Waiting for Task \"holder\", which works on branch \"feature/login\" of"
                + " https://GitHub.com/your-org/your-repo/.");
    tasks.awaitPhase("elsewhere", TaskPhase.Succeeded);

    // Younger, and ready once "elsewhere" succeeded: it queues behind the branch, not its
    // dependencies.
    tasks.create(
        "third",
        onBranch("repo", "feature/login")
            .andThen(spec -> spec.setDependsOn(java.util.List.of("elsewhere"))));
    Task third = tasks.awaitCondition("third", BRANCH_LOCK_HELD, "False", REASON_BRANCH_BUSY);
    assertThat(PipelineTasks.condition(third, DEPENDENCIES_READY))
        .get()
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));

    // A new controller knows who holds the branch from the Tasks alone.
    cluster.restartController();
    assertThat(tasks.hasJob("follower")).isFalse();

    Task released = tasks.awaitPhase("holder", TaskPhase.Succeeded);
    assertThat(PipelineTasks.condition(released, BRANCH_LOCK_HELD))
        .get()
        .satisfies(c -> assertThat(c.getReason()).isEqualTo(REASON_BRANCH_RELEASED));
    Task follower = tasks.awaitPhase("follower", TaskPhase.Succeeded);
    Job followerJob = cluster.client.batch().v1().jobs().inNamespace(NS).withName("follower").get();
    assertThat(Instant.parse(followerJob.getMetadata().getCreationTimestamp()))
        .as("the follower's Job was created only after the holder finished")
        .isAfterOrEqualTo(Instant.parse(released.getStatus().getCompletionTime()));
    assertThat(PipelineTasks.condition(follower, BRANCH_LOCK_HELD))
        .get()
        .satisfies(c -> assertThat(c.getReason()).isEqualTo(REASON_BRANCH_RELEASED));

    // The oldest waiting Task went first; the younger one after it.
    tasks.awaitPhase("third", TaskPhase.Succeeded);
    Job thirdJob = cluster.client.batch().v1().jobs().inNamespace(NS).withName("third").get();
    assertThat(Instant.parse(thirdJob.getMetadata().getCreationTimestamp()))
        .isAfterOrEqualTo(Instant.parse(follower.getStatus().getCompletionTime()));
  }

  @Test
  void theBranchNeedsAWorkspace() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> tasks.create("no-repo", spec -> spec.setBranch("feature")))
        .hasMessageContaining("spec.branch needs spec.workspaceRef");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> tasks.create("bad-branch", onBranch("repo", "-rf")))
        .hasMessageContaining("spec.branch");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> tasks.create("dots", onBranch("repo", "a..b")))
        .hasMessageContaining("branch is not a git branch name");
  }
}

package io.axon.controller.task;

import static io.axon.controller.ControllerHarness.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.controller.spawner.SpawnerConditions;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Objects the schema would refuse, stored anyway (the mock has no schema; a real cluster may hold
 * ones from before the rule): the object says what is wrong instead of failing every reconcile.
 */
@EnableKubernetesMockClient(crud = true)
class MalformedObjectsTest {
  KubernetesClient client;
  ControllerHarness harness;

  @BeforeEach
  void start() {
    harness = new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aTaskWithoutASpecFailsSayingWhatIsMissing() {
    Task task = Fixtures.task("no-spec");
    task.setSpec(null);
    client.resources(Task.class).resource(task).create();

    Task failed =
        awaitTask(
            client,
            "no-spec",
            t -> t.getStatus() != null && t.getStatus().getPhase() == TaskPhase.Failed,
            "Failed");

    assertThat(failed.getStatus().getMessage())
        .startsWith("The Task has no spec, so it cannot run.");
    assertThat(failed.getStatus().getConditions())
        .anyMatch(c -> ObjectShape.REASON_INVALID_SPEC.equals(c.getReason()));
    assertThat(client.batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void aWorkspaceWithoutASpecKeepsTheTaskPendingSayingWhatToSet() {
    Workspace workspace = Fixtures.workspace("empty");
    workspace.setSpec(null);
    client.resources(Workspace.class).resource(workspace).create();
    Task task = Fixtures.taskWithWorkspace("needs-repo", "empty");
    client.resources(Task.class).resource(task).create();

    Task waiting =
        awaitTask(
            client,
            "needs-repo",
            t -> t.getStatus() != null && t.getStatus().getMessage() != null,
            "a message");

    assertThat(waiting.getStatus().getPhase()).isEqualTo(TaskPhase.Pending);
    assertThat(waiting.getStatus().getMessage())
        .isEqualTo(
            "Workspace \"empty\" has no spec.repo. Set it (kubectl edit workspace empty) and the Task starts by itself.");
    assertThat(client.batch().v1().jobs().inAnyNamespace().list().getItems()).isEmpty();
  }

  @Test
  void aTaskSpawnerWithoutASpecIsNotReadySayingWhatToSet() {
    TaskSpawner spawner = new TaskSpawner();
    spawner.setMetadata(
        new ObjectMetaBuilder().withName("no-spec").withNamespace(Fixtures.NAMESPACE).build());
    client.resources(TaskSpawner.class).resource(spawner).create();

    TaskSpawner notReady =
        ControllerHarness.await(
            () ->
                client
                    .resources(TaskSpawner.class)
                    .inNamespace(Fixtures.NAMESPACE)
                    .withName("no-spec")
                    .get(),
            s -> s.getStatus() != null && s.getStatus().getConditions() != null,
            "a condition");

    assertThat(notReady.getStatus().getConditions())
        .filteredOn(c -> SpawnerConditions.READY.equals(c.getType()))
        .singleElement()
        .satisfies(
            ready -> {
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getMessage())
                  .isEqualTo(
                      "The TaskSpawner has no spec: set spec.when (its source) and spec.taskTemplate");
            });
    assertThat(client.resources(Task.class).inAnyNamespace().list().getItems()).isEmpty();
  }
}

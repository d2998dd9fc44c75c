package io.axon.controller.spawner;

import static io.axon.controller.ControllerHarness.await;
import static io.axon.controller.spawner.SpawnerFixtures.NS;
import static io.axon.controller.spawner.SpawnerFixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.source.github.ScriptedGitHub;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A TaskSpawner's activeTasks follows its Tasks as they finish, without waiting for a poll. */
@EnableKubernetesMockClient(crud = true)
class ActiveTasksTest {
  KubernetesClient client;
  Vertx githubVertx;
  ScriptedGitHub github;
  SpawnerHarness harness;

  @BeforeEach
  void start() throws Exception {
    githubVertx = Vertx.vertx();
    github = ScriptedGitHub.start(githubVertx, "acme", "widgets");
  }

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
    github.close();
    githubVertx.close().await();
  }

  @Test
  void aFinishedTaskLeavesActiveTasksBeforeTheNextPoll() {
    github.addIssue("First", "1");
    github.addIssue("Second", "2");
    client.resource(SpawnerFixtures.workspace()).create();
    client.resource(SpawnerFixtures.secret(TOKEN)).create();
    TaskSpawner spawner = SpawnerFixtures.spawner("slow", List.of(), List.of());
    spawner.getSpec().setPollInterval("1h");
    client.resource(spawner).create();
    harness =
        new SpawnerHarness(
            client,
            WorkSourceRegistry.load(),
            Map.of("githubIssues", Map.of("apiBaseURL", github.baseURL())),
            new RecordingObserver(),
            false);
    await(() -> activeTasks(), n -> n != null && n == 2, "activeTasks 2");
    int polls = github.requestCount();

    finish("slow-1");

    await(() -> activeTasks(), n -> n != null && n == 1, "activeTasks 1");
    assertThat(github.requestCount()).isEqualTo(polls);
  }

  private Integer activeTasks() {
    TaskSpawner current =
        client.resources(TaskSpawner.class).inNamespace(NS).withName("slow").get();
    return current == null || current.getStatus() == null
        ? null
        : current.getStatus().getActiveTasks();
  }

  private void finish(String name) {
    Task task = client.resources(Task.class).inNamespace(NS).withName(name).get();
    TaskStatus status = task.getStatus() == null ? new TaskStatus() : task.getStatus();
    status.setPhase(TaskPhase.Succeeded);
    task.setStatus(status);
    client.resources(Task.class).resource(task).updateStatus();
  }
}

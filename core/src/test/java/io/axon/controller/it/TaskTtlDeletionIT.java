package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.Fixtures;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.source.github.ScriptedGitHub;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A finished Task with {@code spec.ttlSecondsAfterFinished} is deleted that long after it finished
 * (its Job with it), and a TaskSpawner does not run the item of a Task so deleted again until the
 * item changes.
 */
class TaskTtlDeletionIT {
  static final String NS = "ttl";
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  static ControlPlane plane;
  static KubernetesClient client;
  static KwokPods pods;
  static Vertx vertx;
  static ScriptedGitHub github;
  static ControllerInstance controller;

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
    plane.createNamespace(NS);
    pods = new KwokPods(client, NS);
    vertx = Vertx.vertx();
    github = ScriptedGitHub.start(vertx, "acme", "widgets");
    client.resource(SpawnerFixtures.workspace(NS)).create();
    client.resource(SpawnerFixtures.secret(NS, SpawnerFixtures.TOKEN)).create();
    JsonObject settings =
        new JsonObject()
            .put("namespaces", new JsonArray().add(NS))
            .put(
                "sources",
                new JsonObject()
                    .put("githubIssues", new JsonObject().put("apiBaseURL", github.baseURL())));
    controller = new ControllerInstance(plane, settings);
  }

  @AfterAll
  static void stop() throws Exception {
    if (controller != null) {
      controller.close();
    }
    if (github != null) {
      github.close();
    }
    if (pods != null) {
      pods.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aFinishedTaskIsDeletedWithItsJobOnceItsTtlHasPassed() {
    Task task = Fixtures.task(NS, "short-lived");
    task.getSpec().setTtlSecondsAfterFinished(2L);
    client.resource(task).create();

    Eventually.await(
        TIMEOUT,
        "Task short-lived and its Job deleted",
        () ->
            client.resources(Task.class).inNamespace(NS).withName("short-lived").get() == null
                && client.batch().v1().jobs().inNamespace(NS).withName("short-lived").get() == null,
        gone -> gone);
  }

  @Test
  void aSpawnerDoesNotRerunTheItemOfAnExpiredTaskUntilTheItemChanges() {
    github.addIssue("Flaky test", "It flakes.", "bug");
    TaskSpawner spawner = SpawnerFixtures.spawner(NS, "fix", List.of(), List.of());
    spawner.getSpec().getTaskTemplate().setTtlSecondsAfterFinished(1L);
    client.resource(spawner).create();

    String first =
        Eventually.await(TIMEOUT, "Task fix-1", () -> task("fix-1"), Objects::nonNull)
            .getMetadata()
            .getUid();
    SpawnerPolls polls = new SpawnerPolls(client, NS, "fix", github::requestCount, TIMEOUT);
    TaskSpawner recorded =
        polls.until(
            "fix-1 recorded as expired and deleted",
            () -> client.resources(TaskSpawner.class).inNamespace(NS).withName("fix").get(),
            s ->
                s.getStatus() != null
                    && s.getStatus().getExpiredItems().size() == 1
                    && task("fix-1") == null);
    assertThat(recorded.getStatus().getExpiredItems().get(0)).startsWith("1:");

    polls.await(5);
    assertThat(task("fix-1")).as("the expired Task's unchanged issue runs no more").isNull();

    github.edit(1, issue -> issue.put("body", "It flakes on Tuesdays."));
    Task again = polls.until("a new Task for the edited issue", () -> task("fix-1"), t -> true);
    assertThat(again.getMetadata().getUid()).isNotEqualTo(first);
    assertThat(again.getSpec().getPrompt()).isEqualTo("Fix: Flaky test\nIt flakes on Tuesdays.");
  }

  static Task task(String name) {
    return client.resources(Task.class).inNamespace(NS).withName(name).get();
  }
}

package io.axon.controller.it;

import static io.axon.controller.spawner.SpawnerChecks.condition;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.spawner.SpawnerConditions;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.controller.status.Conditions;
import io.axon.source.github.ScriptedGitHub;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The spawner's own limits on a real API server: {@code maxTotalTasks} holds across deleted Tasks
 * and a restarted controller (it counts in the status, not in Tasks kept), {@code priorityLabels}
 * decide which item gets the one place {@code maxConcurrency} leaves, named by {@code
 * nameTemplate}, and {@code suspend} stops a spawner until it is lifted.
 */
class SpawnerCapsIT {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  static ControlPlane plane;
  static KubernetesClient client;
  static Vertx vertx;
  String ns;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void totalsPrioritiesNamesAndSuspendShapeWhatTheSpawnerCreates() throws Exception {
    ns = plane.createNamespace("caps");
    client.resource(SpawnerFixtures.workspace(ns)).create();
    client.resource(SpawnerFixtures.secret(ns, SpawnerFixtures.TOKEN)).create();
    try (ScriptedGitHub github = ScriptedGitHub.start(vertx, "acme", "widgets")) {
      github.addIssue("Low", "l", "bug");
      github.addIssue("Urgent", "u", "bug", "p0");
      github.addIssue("Soon", "s", "bug", "p1");
      github.addIssue("Chore one", "c", "chore");
      github.addIssue("Chore two", "c", "chore");
      github.addIssue("Chore three", "c", "chore");
      github.addIssue("Docs", "d", "docs");

      TaskSpawner prio = SpawnerFixtures.spawner(ns, "prio", List.of("bug"), List.of());
      prio.getSpec().setMaxConcurrency(1);
      prio.getSpec().setPriorityLabels(List.of("p0", "p1"));
      prio.getSpec().setNameTemplate("fix-{{.Number}}");
      client.resource(prio).create();
      TaskSpawner capped = SpawnerFixtures.spawner(ns, "capped", List.of("chore"), List.of());
      capped.getSpec().setMaxTotalTasks(2L);
      client.resource(capped).create();
      TaskSpawner paused = SpawnerFixtures.spawner(ns, "paused", List.of("docs"), List.of());
      paused.getSpec().setSuspend(true);
      client.resource(paused).create();

      JsonObject settings =
          new JsonObject()
              .put("namespaces", new JsonArray().add(ns))
              .put(
                  "sources",
                  new JsonObject()
                      .put("githubIssues", new JsonObject().put("apiBaseURL", github.baseURL())));
      try (ControllerInstance controller = new ControllerInstance(plane, settings)) {
        awaitTasks(names -> names.size() == 3, "prio's one Task and capped's two");
        assertThat(taskNames()).containsExactly("capped-5", "capped-6", "fix-2");

        TaskSpawner suspended = awaitSpawner("paused", s -> hasReady(s, Conditions.FALSE));
        assertThat(condition(suspended, SpawnerConditions.READY).getReason())
            .isEqualTo(SpawnerConditions.REASON_SUSPENDED);
        TaskSpawner full =
            awaitSpawner(
                "capped",
                s ->
                    hasReady(s, Conditions.TRUE)
                        && SpawnerConditions.REASON_MAX_TOTAL_REACHED.equals(
                            condition(s, SpawnerConditions.READY).getReason()));
        assertThat(full.getStatus().getTasksCreated()).isEqualTo(2);

        client.resources(Task.class).inNamespace(ns).withName("capped-6").delete();
        awaitTasks(names -> !names.contains("capped-6"), "capped-6 gone");
      }
      // A new controller, one of capped's Tasks deleted: the total still holds.
      try (ControllerInstance restarted = new ControllerInstance(plane, settings)) {
        for (String spawner : List.of("capped", "prio")) {
          new SpawnerPolls(client, ns, spawner, github::requestCount, TIMEOUT).await(2);
        }
        assertThat(taskNames()).containsExactly("capped-5", "fix-2");

        client
            .resources(TaskSpawner.class)
            .inNamespace(ns)
            .withName("paused")
            .edit(
                s -> {
                  s.getSpec().setSuspend(false);
                  return s;
                });
        awaitTasks(names -> names.contains("paused-7"), "the resumed spawner's Task");
        assertThat(taskNames()).containsExactly("capped-5", "fix-2", "paused-7");
      }
    }
  }

  boolean hasReady(TaskSpawner s, String status) {
    return s.getStatus() != null
        && s.getStatus().getConditions().stream()
            .anyMatch(
                c -> c.getType().equals(SpawnerConditions.READY) && c.getStatus().equals(status));
  }

  List<String> taskNames() {
    return client.resources(Task.class).inNamespace(ns).list().getItems().stream()
        .map(t -> t.getMetadata().getName())
        .sorted()
        .toList();
  }

  void awaitTasks(Predicate<List<String>> condition, String what) {
    Eventually.await(TIMEOUT, what, this::taskNames, condition);
  }

  TaskSpawner awaitSpawner(String name, Predicate<TaskSpawner> condition) {
    return Eventually.await(
        TIMEOUT,
        "spawner " + name,
        () -> client.resources(TaskSpawner.class).inNamespace(ns).withName(name).get(),
        s -> s != null && condition.test(s));
  }
}

package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Report;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.controller.report.ReportVerticle;
import io.axon.controller.report.ScriptedGitHubWrites;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.source.github.ScriptedGitHub;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Task that cannot be reported (its Workspace names no Secret, so there is no token to comment
 * with) gets a Warning Event that says what is missing, and GitHub gets no write. On a real control
 * plane.
 */
class ReportProblemEventIT {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  static ControlPlane plane;
  static KubernetesClient client;
  static Vertx vertx;

  @BeforeAll
  static void startControlPlane() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopControlPlane() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aTaskWithoutATokenToCommentWithSaysSoInAnEvent() throws Exception {
    String ns = plane.createNamespace("unreported");
    try (ScriptedGitHub issues = ScriptedGitHub.start(vertx, "acme", "widgets");
        ScriptedGitHubWrites github =
            ScriptedGitHubWrites.start(vertx).delegateTo(issues.baseURL())) {
      issues.addIssue("Crash on start", "It crashes.", "bug");
      Workspace bare = new Workspace();
      bare.setMetadata(new ObjectMetaBuilder().withName("widgets").withNamespace(ns).build());
      bare.setSpec(new WorkspaceSpec(SpawnerFixtures.REPO, "main"));
      client.resource(bare).create();
      TaskSpawner spawner = SpawnerFixtures.spawner(ns, "fix-bugs", List.of("bug"), List.of());
      Report report = new Report();
      report.setComment(true);
      spawner.getSpec().setReport(report);
      client.resource(spawner).create();
      JsonObject settings =
          new JsonObject()
              .put("namespaces", new JsonArray().add(ns))
              .put(
                  "sources",
                  new JsonObject()
                      .put("githubIssues", new JsonObject().put("apiBaseURL", github.baseURL())));
      try (ControllerInstance controller = new ControllerInstance(plane, settings)) {
        Task task =
            Eventually.await(
                TIMEOUT,
                "Task fix-bugs-1",
                () -> client.resources(Task.class).inNamespace(ns).withName("fix-bugs-1").get(),
                t -> true);
        List<Event> events =
            KubernetesEvents.await(
                client,
                task,
                TIMEOUT,
                "a ReportFailed Event",
                e ->
                    e.stream().anyMatch(ev -> ReportVerticle.REPORT_FAILED.equals(ev.getReason())));
        assertThat(events)
            .filteredOn(e -> ReportVerticle.REPORT_FAILED.equals(e.getReason()))
            .first()
            .satisfies(
                e -> {
                  assertThat(e.getType()).isEqualTo("Warning");
                  assertThat(e.getMessage())
                      .isEqualTo(
                          "Cannot report the Task on GitHub: comments need a token: Workspace"
                              + " \"widgets\" names no Secret with GITHUB_TOKEN");
                });
        assertThat(github.calls()).as("no call to GitHub's write API").isEmpty();
      }
    }
  }
}

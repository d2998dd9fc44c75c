package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Report;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.report.ScriptedGitHubWrites;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.source.github.ScriptedGitHub;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A spawner with {@code report.commentPerPhase} gets a new comment for each phase its Task reaches,
 * each written once, and a controller restarted without the remembered ids adds none: it finds the
 * phase's comment by its marker. Real control plane (kwok plays the pods), scripted GitHub on
 * 127.0.0.1.
 */
class CommentPerPhaseReportIT {
  static final Duration TIMEOUT = Duration.ofSeconds(45);
  static final String COMMENTS = "/repos/acme/widgets/issues/1/comments";

  static ControlPlane plane;
  static KubernetesClient client;
  static Vertx vertx;

  @BeforeAll
  static void startControlPlane() {
    plane = ControlPlane.builder().jobLifecycle().start();
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
  void eachPhaseGetsItsOwnCommentOnceEvenAcrossARestart() throws Exception {
    String ns = plane.createNamespace("per-phase");
    try (KwokPods pods = new KwokPods(client, ns);
        ScriptedGitHub issues = ScriptedGitHub.start(vertx, "acme", "widgets");
        ScriptedGitHubWrites github =
            ScriptedGitHubWrites.start(vertx)
                .delegateTo(issues.baseURL())
                .requireToken(SpawnerFixtures.TOKEN)) {
      issues.addIssue("Crash on start", "It crashes.", "bug");
      github.issue(1, "Crash on start", "It crashes.", "bug");
      client.resource(SpawnerFixtures.workspace(ns)).create();
      client.resource(SpawnerFixtures.secret(ns, SpawnerFixtures.TOKEN)).create();
      TaskSpawner spawner = SpawnerFixtures.spawner(ns, "phases", List.of("bug"), List.of());
      Report report = new Report();
      report.setComment(true);
      report.setCommentPerPhase(true);
      spawner.getSpec().setReport(report);
      client.resource(spawner).create();
      pods.runFor("phases-1", "6s");

      ControllerInstance first = controller(ns, github.baseURL());
      awaitPhase(ns, "phases-1", TaskPhase.Running);
      awaitComment(github, "running");
      awaitPhase(ns, "phases-1", TaskPhase.Succeeded);
      JsonObject succeeded = awaitComment(github, "succeeded");
      awaitAnnotation(ns, "axon.io/report-comment-id", String.valueOf(succeeded.getLong("id")));
      first.close();

      List<String> headlines =
          github.comments(1).stream().map(c -> c.getString("body").split("\n")[1]).toList();
      // Queued may pass before its report runs; running and succeeded are each reported once.
      assertThat(headlines).doesNotHaveDuplicates().endsWith("**Axon** Task `phases-1`: succeeded");
      assertThat(headlines).contains("**Axon** Task `phases-1`: running");
      assertThat(github.calls("POST", COMMENTS)).hasSize(headlines.size());
      Task task = client.resources(Task.class).inNamespace(ns).withName("phases-1").get();
      for (JsonObject comment : github.comments(1)) {
        assertThat(comment.getString("body"))
            .startsWith("<!-- axon:task uid=" + task.getMetadata().getUid() + " phase=");
      }

      // As if the controller had died before saving what it wrote.
      client
          .resources(Task.class)
          .inNamespace(ns)
          .withName("phases-1")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"metadata\":{\"annotations\":{\"axon.io/report-comment-id\":null,"
                  + "\"axon.io/report-comment-digest\":null,"
                  + "\"axon.io/report-comment-phase\":null}}}");
      try (ControllerInstance second = controller(ns, github.baseURL())) {
        awaitAnnotation(ns, "axon.io/report-comment-phase", "Succeeded");
        assertThat(
                client
                    .resources(Task.class)
                    .inNamespace(ns)
                    .withName("phases-1")
                    .get()
                    .getMetadata()
                    .getAnnotations())
            .containsEntry("axon.io/report-comment-id", String.valueOf(succeeded.getLong("id")));
        assertThat(github.comments(1)).hasSize(headlines.size());
        assertThat(github.calls("POST", COMMENTS)).hasSize(headlines.size());
      }
    }
  }

  static ControllerInstance controller(String ns, String api) {
    return new ControllerInstance(
        plane,
        new JsonObject()
            .put("namespaces", new JsonArray().add(ns))
            .put(
                "sources",
                new JsonObject().put("githubIssues", new JsonObject().put("apiBaseURL", api))));
  }

  static JsonObject awaitComment(ScriptedGitHubWrites github, String phaseWord) {
    return Eventually.await(
        TIMEOUT,
        "a comment saying " + phaseWord,
        () ->
            github.comments(1).stream()
                .filter(c -> c.getString("body").contains("`: " + phaseWord + "\n"))
                .findFirst()
                .orElse(null),
        c -> true);
  }

  static void awaitPhase(String ns, String name, TaskPhase phase) {
    Eventually.await(
        TIMEOUT,
        "Task " + name + " " + phase,
        () -> client.resources(Task.class).inNamespace(ns).withName(name).get(),
        t -> t.getStatus() != null && t.getStatus().getPhase() == phase);
  }

  static void awaitAnnotation(String ns, String key, String value) {
    Eventually.await(
        TIMEOUT,
        "annotation " + key + "=" + value,
        () -> client.resources(Task.class).inNamespace(ns).withName("phases-1").get(),
        t -> {
          Map<String, String> annotations = t.getMetadata().getAnnotations();
          return annotations != null && value.equals(annotations.get(key));
        });
  }
}

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A TaskSpawner with {@code spec.report.comment} keeps one comment per Task on its issue, created
 * when the Task first gets a status and edited as it runs and ends, and never a second one: not on
 * fast phase changes, not after a controller restart, not even when the restart lost the comment's
 * id. On a real control plane (kwok plays the pods), against a scripted GitHub on 127.0.0.1 that
 * checks every call's method, path, body and token.
 */
class IssueCommentReportIT {
  static final Duration TIMEOUT = Duration.ofSeconds(45);
  static final String TOKEN = SpawnerFixtures.TOKEN;

  static ControlPlane plane;
  static KubernetesClient client;
  static Vertx vertx;

  String ns;
  ScriptedGitHub issues;
  ScriptedGitHubWrites github;
  KwokPods pods;
  final List<ControllerInstance> controllers = new ArrayList<>();

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

  void prepare(String namespace) throws Exception {
    ns = plane.createNamespace(namespace);
    pods = new KwokPods(client, ns);
    issues = ScriptedGitHub.start(vertx, "acme", "widgets");
    github = ScriptedGitHubWrites.start(vertx).delegateTo(issues.baseURL()).requireToken(TOKEN);
    client.resource(SpawnerFixtures.workspace(ns)).create();
    client.resource(SpawnerFixtures.secret(ns, TOKEN)).create();
  }

  ControllerInstance startController() {
    JsonObject settings =
        new JsonObject()
            .put("namespaces", new JsonArray().add(ns))
            .put(
                "sources",
                new JsonObject()
                    .put("githubIssues", new JsonObject().put("apiBaseURL", github.baseURL())));
    ControllerInstance controller = new ControllerInstance(plane, settings);
    controllers.add(controller);
    return controller;
  }

  void createSpawner(String name) {
    TaskSpawner spawner = SpawnerFixtures.spawner(ns, name, List.of("bug"), List.of());
    Report report = new Report();
    report.setComment(true);
    spawner.getSpec().setReport(report);
    client.resource(spawner).create();
  }

  @AfterEach
  void stopTestsOwn() throws Exception {
    controllers.forEach(ControllerInstance::close);
    for (AutoCloseable each : new AutoCloseable[] {pods, github, issues}) {
      if (each != null) {
        each.close();
      }
    }
  }

  @Test
  void eachTaskKeepsOneCommentEditedThroughItsPhases() throws Exception {
    prepare("comments");
    issues.addIssue("Crash on start", "It crashes.", "bug");
    issues.addIssue("Broken build", "It fails.", "bug");
    issues.addIssue("Add dark mode", "Please", "enhancement");
    // The agent of #1 asks a person for input, as the seed's loop has it: it labels the issue.
    github.issue(1, "Crash on start", "It crashes.", "bug", "axon/needs-input");
    github.issue(2, "Broken build", "It fails.", "bug");
    pods.fail(
        "fix-bugs-2",
        1,
        "Error",
        "{\"outcome\":\"Failed\",\"reason\":\"error_max_turns\",\"message\":\"Gave up; token"
            + " ghp_abcdefghijklmnopqrstuvwxyz0123456789 was refused\",\"turns\":3}");
    createSpawner("fix-bugs");
    startController();

    Task succeeded = awaitPhase("fix-bugs-1", TaskPhase.Succeeded);
    Task failed = awaitPhase("fix-bugs-2", TaskPhase.Failed);
    JsonObject one = awaitComment(1, "succeeded");
    JsonObject two = awaitComment(2, "failed");

    assertThat(one.getString("body"))
        .isEqualTo(
            "<!-- axon:task uid="
                + succeeded.getMetadata().getUid()
                + " -->\n**Axon** Task `fix-bugs-1`: succeeded\n\nThe agent finished.\n\nThe agent"
                + " asked for input (label `axon/needs-input`): answer here and remove the label.");
    assertThat(two.getString("body"))
        .startsWith("<!-- axon:task uid=" + failed.getMetadata().getUid() + " -->\n")
        .contains("**Axon** Task `fix-bugs-2`: failed", "Reason: `LimitReached`", "| Turns | 3 |")
        .contains("Gave up; token *** was refused")
        .doesNotContain("ghp_", "asked for input");

    // One comment per issue, made once; every later write an edit of it, with the Workspace's
    // token.
    assertThat(github.calls("POST", "/repos/acme/widgets/issues/1/comments")).hasSize(1);
    assertThat(github.calls("POST", "/repos/acme/widgets/issues/2/comments")).hasSize(1);
    assertThat(github.calls("POST", "/repos/acme/widgets/issues/3")).isEmpty();
    assertThat(github.comments(1)).hasSize(1);
    assertThat(github.comments(2)).hasSize(1);
    for (ScriptedGitHubWrites.Call call : github.calls()) {
      assertThat(call.authorization()).as(call.toString()).isEqualTo("Bearer " + TOKEN);
      assertThat(call.status()).as(call.toString()).isBetween(200, 201);
      if (call.method().equals("PATCH")) {
        assertThat(call.path())
            .isIn(
                "/repos/acme/widgets/issues/comments/" + one.getLong("id"),
                "/repos/acme/widgets/issues/comments/" + two.getLong("id"));
      }
      if (!call.method().equals("GET")) {
        assertThat(call.body().fieldNames()).containsExactly("body");
      }
    }
    // The ids are remembered on the Tasks, for a restarted controller.
    assertThat(
            awaitTask(
                    "fix-bugs-1",
                    t -> annotation(t, "axon.io/report-comment-id") != null,
                    "the comment id on the Task")
                .getMetadata()
                .getAnnotations())
        .containsEntry("axon.io/report-comment-id", String.valueOf(one.getLong("id")))
        .containsEntry("axon.io/item-url", "https://github.com/acme/widgets/issues/1");
  }

  @Test
  void aRestartedControllerEditsTheSameCommentEvenWithoutItsId() throws Exception {
    prepare("restart");
    issues.addIssue("Slow start", "It is slow.", "bug");
    github.issue(1, "Slow start", "It is slow.", "bug");
    pods.runFor("restart-1", "6s");
    createSpawner("restart");
    ControllerInstance first = startController();
    awaitPhase("restart-1", TaskPhase.Running);
    JsonObject running = awaitComment(1, "running");
    awaitTask(
        "restart-1",
        t ->
            String.valueOf(running.getLong("id"))
                .equals(annotation(t, "axon.io/report-comment-id")),
        "the comment id on the Task");
    first.kill();

    // As if the first controller had died between writing the comment and saving its id.
    client
        .resources(Task.class)
        .inNamespace(ns)
        .withName("restart-1")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"axon.io/report-comment-id\":null,"
                + "\"axon.io/report-comment-digest\":null}}}");
    int before = github.calls().size();
    startController();

    awaitPhase("restart-1", TaskPhase.Succeeded);
    JsonObject done = awaitComment(1, "succeeded");
    assertThat(done.getLong("id")).isEqualTo(running.getLong("id"));
    assertThat(github.comments(1)).hasSize(1);
    assertThat(github.calls("POST", "/repos/acme/widgets/issues/1/comments")).hasSize(1);
    List<String> afterRestart =
        github.calls().subList(before, github.calls().size()).stream()
            .map(c -> c.method() + " " + c.path())
            .toList();
    assertThat(afterRestart)
        .as("found by its marker, then edited")
        .containsSubsequence(
            "GET /repos/acme/widgets/issues/1/comments",
            "PATCH /repos/acme/widgets/issues/comments/" + running.getLong("id"))
        .doesNotContain("POST /repos/acme/widgets/issues/1/comments");
    awaitTask(
        "restart-1",
        t ->
            String.valueOf(running.getLong("id"))
                .equals(annotation(t, "axon.io/report-comment-id")),
        "the comment id saved again");
  }

  JsonObject awaitComment(long issue, String phaseWord) {
    return Eventually.await(
        TIMEOUT,
        "the comment on issue #" + issue + " to say " + phaseWord,
        () -> github.comments(issue).stream().reduce((a, b) -> b).orElse(null),
        c -> c.getString("body").contains("`: " + phaseWord + "\n"));
  }

  static String annotation(Task task, String key) {
    Map<String, String> annotations = task.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  Task task(String name) {
    return client.resources(Task.class).inNamespace(ns).withName(name).get();
  }

  Task awaitTask(String name, java.util.function.Predicate<Task> condition, String what) {
    return Eventually.await(TIMEOUT, what, () -> task(name), condition);
  }

  Task awaitPhase(String name, TaskPhase phase) {
    return awaitTask(
        name,
        t -> t.getStatus() != null && t.getStatus().getPhase() == phase,
        "Task " + name + " " + phase);
  }
}

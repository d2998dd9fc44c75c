package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Webhook;
import io.axon.controller.report.ScriptedGitHubWrites;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.controller.webhook.WebhookSender;
import io.axon.source.github.ScriptedGitHub;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deliveries that ask for a Task of their own (a comment with the trigger phrase by an author who
 * passes the gate, a check run that failed on a pull request) are queued in the spawner's {@code
 * status.queuedItems} and become Tasks as {@code maxConcurrency} leaves room, even across a
 * controller restart; a stranger's comment, a comment without the phrase and a repeated delivery
 * make nothing. Real HTTPS and HMAC, a real control plane (kwok plays the pods), a scripted GitHub
 * on 127.0.0.1.
 */
class WebhookQueuedWorkIT {
  static final Duration TIMEOUT = Duration.ofSeconds(40);
  static final String SECRET = "queued work secret";
  static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

  static ControlPlane plane;
  static KubernetesClient client;
  static Vertx vertx;
  static SelfSignedCertificate certificate;

  String ns;
  ScriptedGitHub issues;
  ScriptedGitHubWrites github;
  KwokPods pods;
  ControllerInstance controller;

  @BeforeAll
  static void startControlPlane() {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
    vertx = Vertx.vertx();
    certificate = SelfSignedCertificate.create("localhost");
  }

  @AfterAll
  static void stopControlPlane() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (plane != null) {
      plane.close();
    }
    if (certificate != null) {
      certificate.delete();
    }
  }

  @AfterEach
  void stopTestsOwn() throws Exception {
    for (AutoCloseable each : new AutoCloseable[] {controller, pods, github, issues}) {
      if (each != null) {
        each.close();
      }
    }
  }

  ControllerInstance startController() {
    JsonObject settings =
        new JsonObject()
            .put("namespaces", new JsonArray().add(ns))
            .put(
                "sources",
                new JsonObject()
                    .put("githubIssues", new JsonObject().put("apiBaseURL", github.baseURL())))
            .put(
                "webhook",
                new JsonObject()
                    .put("enabled", true)
                    .put("host", "127.0.0.1")
                    .put("port", 0)
                    .put(
                        "tls",
                        new JsonObject()
                            .put("certPath", certificate.certificatePath())
                            .put("keyPath", certificate.privateKeyPath())));
    return new ControllerInstance(plane, settings);
  }

  @Test
  void requestedWorkWaitsForRoomInTheSpawnersStatusAndSurvivesARestart() throws Exception {
    ns = plane.createNamespace("queued");
    pods = new KwokPods(client, ns);
    issues = ScriptedGitHub.start(vertx, "acme", "widgets");
    github =
        ScriptedGitHubWrites.start(vertx)
            .delegateTo(issues.baseURL())
            .requireToken(SpawnerFixtures.TOKEN)
            .issue(5, "Crash on start", "It crashes.", "bug")
            .pullRequestBy(7, HEAD, "octocat");
    long failedCheck =
        github.addCheckRun("build", HEAD, "failure", "2 tests failed", "FooTest.bar: expected 1");
    client.resource(SpawnerFixtures.workspace(ns)).create();
    client.resource(SpawnerFixtures.secret(ns, SpawnerFixtures.TOKEN)).create();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("webhook-secret")
                .withNamespace(ns)
                .endMetadata()
                .addToStringData("GITHUB_WEBHOOK_SECRET", SECRET)
                .build())
        .create();
    TaskSpawner spawner = SpawnerFixtures.spawner(ns, "hooks", List.of("bug"), List.of());
    spawner.getSpec().setPollInterval("1h");
    spawner.getSpec().setMaxConcurrency(1);
    Webhook webhook = new Webhook();
    webhook.setSecretRef(new LocalObjectReference("webhook-secret"));
    webhook.setTriggerPhrase("/axon fix");
    webhook.setCheckFailures(true);
    spawner.getSpec().setWebhook(webhook);
    client.resource(spawner).create();
    pods.runFor("hooks-5-comment-77001", "8s");
    controller = startController();
    String path = "/webhooks/github/" + ns + "/hooks";

    try (WebhookSender sender = sender()) {
      assertThat(
              sender.deliver(
                  path, "issue_comment", "q-1", SECRET, comment(5, 77001, "mallory", "/axon fix")))
          .isEqualTo(
              new WebhookSender.Answer(
                  200, "ignored: the author does not pass the spawner's author gate"));
      assertThat(
              sender
                  .deliver(
                      path, "issue_comment", "q-2", SECRET, comment(5, 77002, "octocat", "thanks!"))
                  .message())
          .isEqualTo("ignored: issue_comment created");
      assertThat(
              sender.deliver(
                  path,
                  "issue_comment",
                  "q-3",
                  SECRET,
                  comment(5, 77001, "octocat", "Please /axon fix this")))
          .isEqualTo(new WebhookSender.Answer(202, "queued: comment:5:77001"));
      Task fromComment = awaitTask("hooks-5-comment-77001");
      assertThat(fromComment.getSpec().getPrompt()).isEqualTo("Fix: Crash on start\nIt crashes.");
      assertThat(fromComment.getSpec().getBranch()).isNull();
      assertThat(fromComment.getMetadata().getAnnotations())
          .containsEntry("axon.io/item-url", "https://github.com/acme/widgets/issues/5");

      // The check fails while the comment's Task runs: maxConcurrency 1 holds it in the queue.
      assertThat(sender.deliver(path, "check_run", "q-4", SECRET, failedCheckRun(failedCheck, 7)))
          .isEqualTo(new WebhookSender.Answer(202, "queued: check_run:7:" + failedCheck));
      awaitSpawner(
          s -> s.getStatus().getQueuedItems().equals(List.of("check_run:7:" + failedCheck)));
      assertThat(taskNames()).containsExactly("hooks-5-comment-77001");
    }

    // The controller goes away with the work queued; the running Task ends meanwhile.
    controller.kill();
    controller = startController();
    awaitPhase("hooks-5-comment-77001", TaskPhase.Succeeded);
    Task fromCheck = awaitTask("hooks-7-check-" + failedCheck);
    assertThat(fromCheck.getSpec().getPrompt())
        .startsWith(
            "Fix: CI failed on pull request #7: build\nCheck build failed: 2 tests failed\n\nFooTest.bar: expected 1")
        .contains("Pull request: Make it faster (branch feature into main)");
    // The fix belongs on the pull request's branch, so the Task clones and pushes that one.
    assertThat(fromCheck.getSpec().getBranch()).isEqualTo("feature");
    awaitSpawner(s -> s.getStatus().getQueuedItems().isEmpty());

    // The same check delivered again (GitHub redelivers under the delivery's id, a replay under a
    // new one) makes no second Task.
    try (WebhookSender sender = sender()) {
      sender.deliver(path, "check_run", "q-5", SECRET, failedCheckRun(failedCheck, 7));
      sender.deliver(path, "check_run", "q-4", SECRET, failedCheckRun(failedCheck, 7));
      awaitSpawner(s -> s.getStatus().getQueuedItems().isEmpty());
    }
    assertThat(taskNames())
        .containsExactly("hooks-5-comment-77001", "hooks-7-check-" + failedCheck);
  }

  WebhookSender sender() {
    return new WebhookSender(
        vertx, controller.harness.controller().webhookPort(), certificate.certificatePath());
  }

  /** A new comment, GitHub's recorded shape, made five seconds ago. */
  static JsonObject comment(long issue, long id, String login, String body) {
    return WebhookSender.commentCreated(
        issue, id, login, body, java.time.Instant.now().minusSeconds(5));
  }

  /** The check run "build" failed on the pull request's branch five seconds ago, as recorded. */
  static JsonObject failedCheckRun(long id, long pull) {
    return WebhookSender.checkRunCompleted(
        id, "build", pull, "feature", "failure", java.time.Instant.now().minusSeconds(5));
  }

  List<String> taskNames() {
    return client.resources(Task.class).inNamespace(ns).list().getItems().stream()
        .map(t -> t.getMetadata().getName())
        .sorted()
        .toList();
  }

  Task awaitTask(String name) {
    return Eventually.await(
        TIMEOUT,
        "Task " + name,
        () -> client.resources(Task.class).inNamespace(ns).withName(name).get(),
        t -> true);
  }

  void awaitPhase(String name, TaskPhase phase) {
    Eventually.await(
        TIMEOUT,
        "Task " + name + " " + phase,
        () -> client.resources(Task.class).inNamespace(ns).withName(name).get(),
        t -> t.getStatus() != null && t.getStatus().getPhase() == phase);
  }

  void awaitSpawner(java.util.function.Predicate<TaskSpawner> condition) {
    Eventually.await(
        TIMEOUT,
        "the spawner's queue",
        () -> client.resources(TaskSpawner.class).inNamespace(ns).withName("hooks").get(),
        s -> s.getStatus() != null && condition.test(s));
  }
}

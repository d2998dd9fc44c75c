package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Webhook;
import io.axon.controller.report.ScriptedGitHubWrites;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.controller.webhook.WebhookSender;
import io.axon.controller.webhook.WebhookSender.Answer;
import io.axon.source.github.ScriptedGitHub;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A signed {@code check_suite} completed with failure on a pull request (GitHub's recorded shape,
 * real HTTPS and HMAC) makes one CI-fix Task on the pull request's branch; a suite that succeeded,
 * one completed over an hour ago and the same suite delivered again make none. On a real API
 * server, against a scripted GitHub on 127.0.0.1 whose every call is recorded.
 */
class FailedCheckSuiteDeliveryMakesACiFixTaskIT {
  static final Duration TIMEOUT = Duration.ofSeconds(40);
  static final String SECRET = "check suite webhook secret";
  static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  static final long SUITE = 118578147;

  static ControlPlane plane;
  static KubernetesClient client;
  static Vertx vertx;
  static SelfSignedCertificate certificate;

  @BeforeAll
  static void startControlPlane() {
    plane = ControlPlane.builder().start();
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

  @Test
  void aFailedSuiteOnAPullRequestMakesOneTaskOnItsBranch() throws Exception {
    String ns = plane.createNamespace("suite-hooks");
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
    TaskSpawner spawner = SpawnerFixtures.spawner(ns, "ci", List.of("bug"), List.of());
    spawner.getSpec().setPollInterval("1h");
    Webhook webhook = new Webhook();
    webhook.setSecretRef(new LocalObjectReference("webhook-secret"));
    webhook.setCheckFailures(true);
    spawner.getSpec().setWebhook(webhook);
    client.resource(spawner).create();

    try (ScriptedGitHub issues = ScriptedGitHub.start(vertx, "acme", "widgets");
        ScriptedGitHubWrites github =
            ScriptedGitHubWrites.start(vertx)
                .delegateTo(issues.baseURL())
                .requireToken(SpawnerFixtures.TOKEN)
                .pullRequestBy(7, HEAD, "octocat");
        ControllerInstance controller = new ControllerInstance(plane, settings(ns, github));
        WebhookSender sender =
            new WebhookSender(
                vertx,
                controller.harness.controller().webhookPort(),
                certificate.certificatePath())) {
      String path = "/webhooks/github/" + ns + "/ci";
      Instant now = Instant.now();
      assertThat(
              sender.deliver(
                  path,
                  "check_suite",
                  "s-1",
                  SECRET,
                  WebhookSender.checkSuiteCompleted(SUITE, 7, "feature", "success", now)))
          .isEqualTo(new Answer(200, "ignored: check_suite completed"));
      assertThat(
              sender.deliver(
                  path,
                  "check_suite",
                  "s-2",
                  SECRET,
                  WebhookSender.checkSuiteCompleted(
                      SUITE + 1, 7, "feature", "failure", now.minus(Duration.ofHours(2)))))
          .isEqualTo(
              new Answer(200, "ignored: check_suite:7:" + (SUITE + 1) + " is older than 1h"));
      JsonObject failed =
          WebhookSender.checkSuiteCompleted(SUITE, 7, "feature", "failure", now.minusSeconds(5));
      assertThat(sender.deliver(path, "check_suite", "s-3", SECRET, failed))
          .isEqualTo(new Answer(202, "queued: check_suite:7:" + SUITE));

      Task fix = awaitTask(ns, "ci-7-suite-" + SUITE);
      assertThat(fix.getSpec().getBranch()).isEqualTo("feature");
      assertThat(fix.getSpec().getPrompt())
          .isEqualTo(
              "Fix: CI failed on pull request #7: check suite "
                  + SUITE
                  + "\nCheck suite "
                  + SUITE
                  + " failed.\n\nPull request: Make it faster (branch feature into main)\n"
                  + "Caches the results.");
      awaitQueue(ns, List.of());

      // The same suite again, redelivered (same id) and replayed (a new id): no second Task.
      assertThat(sender.deliver(path, "check_suite", "s-3", SECRET, failed))
          .isEqualTo(new Answer(200, "delivery s-3 was taken already"));
      assertThat(sender.deliver(path, "check_suite", "s-4", SECRET, failed).status())
          .isIn(200, 202);
      awaitQueue(ns, List.of());
      assertThat(
              client.resources(Task.class).inNamespace(ns).list().getItems().stream()
                  .map(t -> t.getMetadata().getName()))
          .containsExactly("ci-7-suite-" + SUITE);
      assertThat(github.calls())
          .as(
              "the calls made for the suite: the author gate's and the Task's reads of its pull request")
          .extracting(ScriptedGitHubWrites.Call::toString)
          .contains("GET /repos/acme/widgets/pulls/7 -> 200")
          .allMatch(c -> c.equals("GET /repos/acme/widgets/pulls/7 -> 200"), "reads only");
    }
  }

  static JsonObject settings(String ns, ScriptedGitHubWrites github) {
    return new JsonObject()
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
  }

  static Task awaitTask(String ns, String name) {
    return Eventually.await(
        TIMEOUT,
        "Task " + name,
        () -> client.resources(Task.class).inNamespace(ns).withName(name).get(),
        t -> true);
  }

  static void awaitQueue(String ns, List<String> queued) {
    Eventually.await(
        TIMEOUT,
        "the spawner's queue " + queued,
        () -> client.resources(TaskSpawner.class).inNamespace(ns).withName("ci").get(),
        s -> s.getStatus() != null && s.getStatus().getQueuedItems().equals(queued));
  }
}

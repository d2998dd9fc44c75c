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
 * An issue event that a standby replica refuses with 503 because the spawner's queue is full (the
 * queued comment waits: GitHub fails its reads) is not lost: the leader's next scheduled poll finds
 * the issue and makes its Task, and the queued comment stays queued. Two controllers on a real
 * control plane, real HTTPS and HMAC, a scripted GitHub on 127.0.0.1.
 */
class StandbyRefusedPollIsTakenByTheScheduledPollIT {
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static final String SECRET = "refused poll secret";
  static final String LEASE = "refused-poll-lease";

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
  void anIssueEventRefusedForAFullQueueGetsItsTaskAtTheNextPoll() throws Exception {
    String ns = plane.createNamespace("refused-poll");
    try (ScriptedGitHub issues = ScriptedGitHub.start(vertx, "acme", "widgets");
        ScriptedGitHubWrites github =
            ScriptedGitHubWrites.start(vertx)
                .delegateTo(issues.baseURL())
                .requireToken(SpawnerFixtures.TOKEN)
                .issue(5, "Crash on start", "It crashes.", "bug")) {
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
      spawner.getSpec().setPollInterval("30s");
      Webhook webhook = new Webhook();
      webhook.setSecretRef(new LocalObjectReference("webhook-secret"));
      webhook.setTriggerPhrase("/axon fix");
      spawner.getSpec().setWebhook(webhook);
      client.resource(spawner).create();
      // Reading issue #5 fails, so the comment's entry stays queued and the queue (of one) is full.
      github.failNext(100_000);

      try (ControllerInstance leader = replica(ns, "leader", github.baseURL())) {
        LeaderElectionIT.awaitHolder(client, LEASE, leader);
        awaitSpawner(ns, s -> s.getStatus().getLastPollTime() != null);
        try (ControllerInstance standby = replica(ns, "standby", github.baseURL());
            WebhookSender toStandby =
                new WebhookSender(
                    vertx,
                    standby.harness.controller().webhookPort(),
                    certificate.certificatePath())) {
          String path = "/webhooks/github/" + ns + "/hooks";
          assertThat(
                  toStandby.deliver(
                      path,
                      "issue_comment",
                      "r-1",
                      SECRET,
                      WebhookSender.commentCreated(
                          5, 1, "octocat", "/axon fix", Instant.now().minusSeconds(5))))
              .isEqualTo(new Answer(202, "queued: comment:5:1"));
          awaitSpawner(ns, s -> s.getStatus().getQueuedItems().equals(List.of("comment:5:1")));

          issues.addIssue("Broken build", "It fails.", "bug");
          assertThat(
                  toStandby.deliver(
                      path,
                      "issues",
                      "r-2",
                      SECRET,
                      WebhookSender.issueEvent("labeled", "acme/widgets", 1, "Broken build")))
              .isEqualTo(
                  new Answer(
                      503,
                      "the spawner's queue is full (webhook.maxQueuedItems: 1); its next"
                          + " scheduled poll finds what this delivery announced"));

          // Nobody asked the leader to poll; its schedule (30s) does, and finds the issue.
          Task fromPoll = awaitTask(ns, "hooks-1");
          assertThat(fromPoll.getSpec().getPrompt()).isEqualTo("Fix: Broken build\nIt fails.");
          assertThat(
                  client
                      .resources(TaskSpawner.class)
                      .inNamespace(ns)
                      .withName("hooks")
                      .get()
                      .getStatus()
                      .getQueuedItems())
              .as("the queue, whose comment still waits")
              .containsExactly("comment:5:1");
          assertThat(standby.requests.count("POST", "tasks", 201))
              .as("Tasks the standby made")
              .isZero();
        }
      }
    }
  }

  static Task awaitTask(String ns, String name) {
    return Eventually.await(
        TIMEOUT,
        "Task " + name,
        () -> client.resources(Task.class).inNamespace(ns).withName(name).get(),
        t -> true);
  }

  static void awaitSpawner(String ns, java.util.function.Predicate<TaskSpawner> condition) {
    Eventually.await(
        TIMEOUT,
        "TaskSpawner hooks",
        () -> client.resources(TaskSpawner.class).inNamespace(ns).withName("hooks").get(),
        s -> s.getStatus() != null && condition.test(s));
  }

  static ControllerInstance replica(String ns, String identity, String api) {
    JsonObject settings =
        new JsonObject()
            .put("namespaces", new JsonArray().add(ns))
            .put(
                "sources",
                new JsonObject().put("githubIssues", new JsonObject().put("apiBaseURL", api)))
            .put(
                "webhook",
                new JsonObject()
                    .put("enabled", true)
                    .put("host", "127.0.0.1")
                    .put("port", 0)
                    .put("maxQueuedItems", 1)
                    .put(
                        "tls",
                        new JsonObject()
                            .put("certPath", certificate.certificatePath())
                            .put("keyPath", certificate.privateKeyPath())))
            .put(
                "leaderElection",
                new JsonObject()
                    .put("enabled", true)
                    .put("leaseName", LEASE)
                    .put("leaseNamespace", ControlPlane.CONTROLLER_NAMESPACE)
                    .put("leaseDurationSeconds", 15)
                    .put("renewDeadlineSeconds", 10)
                    .put("retryPeriodSeconds", 2));
    return new ControllerInstance(plane, settings, identity);
  }
}

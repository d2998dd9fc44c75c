package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A standby replica takes verified webhook deliveries instead of answering 503: it queues them in
 * the spawner's {@code status.queuedItems}, and the leader, alone, drains the queue into Tasks and
 * polls when asked. Two controllers on a real control plane, real HTTPS and HMAC, a scripted GitHub
 * on 127.0.0.1.
 */
class StandbyReplicaQueuesWebhookDeliveriesIT {
  static final Duration TIMEOUT = Duration.ofSeconds(40);
  static final String SECRET = "standby secret";
  static final String LEASE = "standby-webhook-lease";

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
  void theStandbyQueuesDeliveriesAndOnlyTheLeaderMakesTasks() throws Exception {
    String ns = plane.createNamespace("standby-hooks");
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
      spawner.getSpec().setPollInterval("1h");
      Webhook webhook = new Webhook();
      webhook.setSecretRef(new LocalObjectReference("webhook-secret"));
      webhook.setTriggerPhrase("/axon fix");
      spawner.getSpec().setWebhook(webhook);
      client.resource(spawner).create();

      try (ControllerInstance leader = replica(ns, "leader", github.baseURL())) {
        LeaderElectionIT.awaitHolder(client, LEASE, leader);
        Eventually.await(
            TIMEOUT,
            "the leader's first poll",
            () -> client.resources(TaskSpawner.class).inNamespace(ns).withName("hooks").get(),
            s -> s.getStatus() != null && s.getStatus().getLastPollTime() != null);
        try (ControllerInstance standby = replica(ns, "standby", github.baseURL());
            WebhookSender toStandby =
                new WebhookSender(
                    vertx,
                    standby.harness.controller().webhookPort(),
                    certificate.certificatePath())) {
          String path = "/webhooks/github/" + ns + "/hooks";
          assertThat(Leases.holder(client, LEASE)).isEqualTo("leader");

          // A badly signed delivery is refused by the standby as by the leader.
          assertThat(
                  toStandby
                      .deliver(
                          path,
                          "issue_comment",
                          "s-0",
                          "wrong",
                          WebhookQueuedWorkIT.comment(5, 88001, "octocat", "/axon fix"))
                      .status())
              .isEqualTo(401);
          assertThat(
                  toStandby.deliver(
                      path,
                      "issue_comment",
                      "s-1",
                      SECRET,
                      WebhookQueuedWorkIT.comment(5, 88001, "octocat", "/axon fix")))
              .isEqualTo(new WebhookSender.Answer(202, "queued: comment:5:88001"));
          Task fromComment = awaitTask(ns, "hooks-5-comment-88001");
          assertThat(fromComment.getSpec().getPrompt())
              .isEqualTo("Fix: Crash on start\nIt crashes.");

          // An issue event on the standby makes the leader poll now (its next poll is an hour
          // away).
          issues.addIssue("Broken build", "It fails.", "bug");
          assertThat(
                  toStandby.deliver(
                      path,
                      "issues",
                      "s-2",
                      SECRET,
                      WebhookSender.issueEvent("labeled", "acme/widgets", 1, "Broken build")))
              .isEqualTo(new WebhookSender.Answer(202, "polling: issue labeled"));
          awaitTask(ns, "hooks-1");
          Eventually.await(
              TIMEOUT,
              "an empty queue",
              () -> client.resources(TaskSpawner.class).inNamespace(ns).withName("hooks").get(),
              s -> s.getStatus().getQueuedItems().isEmpty());

          assertThat(standby.requests.count("POST", "tasks", 201))
              .as("Tasks the standby made")
              .isZero();
          assertThat(leader.requests.count("POST", "tasks", 201)).isEqualTo(2);
          // One edit per queued delivery; the leader writes the same status, so an edit may first
          // meet a 409 and be retried on the fresh copy.
          assertThat(
                  standby.requests.count(
                      c -> c.resource().equals("taskspawners/status") && c.code() < 300))
              .as("the standby's queue edits")
              .isEqualTo(2);
          assertThat(
                  standby.requests.count(
                      c ->
                          c.resource().equals("taskspawners/status")
                              && c.code() >= 300
                              && c.code() != 409))
              .as("the standby's failed queue edits other than conflicts")
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

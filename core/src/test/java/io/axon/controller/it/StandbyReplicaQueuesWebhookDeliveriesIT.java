package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Webhook;
import io.axon.controller.report.ScriptedGitHubWrites;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.controller.webhook.WebhookSender;
import io.axon.source.github.ScriptedGitHub;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

  @RegisterExtension static final WebhookControlPlane hooks = new WebhookControlPlane(TIMEOUT);

  @Test
  void theStandbyQueuesDeliveriesAndOnlyTheLeaderMakesTasks() throws Exception {
    String ns = hooks.createNamespace("standby-hooks", SECRET);
    try (ScriptedGitHub issues = ScriptedGitHub.start(hooks.vertx(), "acme", "widgets");
        ScriptedGitHubWrites github =
            ScriptedGitHubWrites.start(hooks.vertx())
                .delegateTo(issues.baseURL())
                .requireToken(SpawnerFixtures.TOKEN)
                .issue(5, "Crash on start", "It crashes.", "bug")) {
      TaskSpawner spawner = SpawnerFixtures.spawner(ns, "hooks", List.of("bug"), List.of());
      spawner.getSpec().setPollInterval("1h");
      Webhook webhook = WebhookControlPlane.signedWebhook();
      webhook.setTriggerPhrase("/axon fix");
      spawner.getSpec().setWebhook(webhook);
      hooks.client().resource(spawner).create();

      try (ControllerInstance leader = replica(ns, "leader", github.baseURL())) {
        LeaderElectionIT.awaitHolder(hooks.client(), LEASE, leader);
        // The leader's first poll.
        hooks.awaitSpawner(ns, "hooks", s -> s.getStatus().getLastPollTime() != null);
        try (ControllerInstance standby = replica(ns, "standby", github.baseURL());
            WebhookSender toStandby = hooks.senderTo(standby)) {
          String path = "/webhooks/github/" + ns + "/hooks";
          assertThat(Leases.holder(hooks.client(), LEASE)).isEqualTo("leader");

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
          Task fromComment = hooks.awaitTask(ns, "hooks-5-comment-88001");
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
          hooks.awaitTask(ns, "hooks-1");
          hooks.awaitSpawner(ns, "hooks", s -> s.getStatus().getQueuedItems().isEmpty());

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

  static ControllerInstance replica(String ns, String identity, String api) {
    JsonObject settings =
        hooks.settings(ns, "githubIssues", api).put("leaderElection", Leases.election(LEASE));
    return new ControllerInstance(hooks.plane(), settings, identity);
  }
}

package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Webhook;
import io.axon.controller.report.ScriptedGitHubWrites;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.controller.webhook.WebhookSender;
import io.axon.controller.webhook.WebhookSender.Answer;
import io.axon.source.github.ScriptedGitHub;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

  @RegisterExtension static final WebhookControlPlane hooks = new WebhookControlPlane(TIMEOUT);

  @Test
  void anIssueEventRefusedForAFullQueueGetsItsTaskAtTheNextPoll() throws Exception {
    String ns = hooks.createNamespace("refused-poll", SECRET);
    try (ScriptedGitHub issues = ScriptedGitHub.start(hooks.vertx(), "acme", "widgets");
        ScriptedGitHubWrites github =
            ScriptedGitHubWrites.start(hooks.vertx())
                .delegateTo(issues.baseURL())
                .requireToken(SpawnerFixtures.TOKEN)
                .issue(5, "Crash on start", "It crashes.", "bug")) {
      TaskSpawner spawner = SpawnerFixtures.spawner(ns, "hooks", List.of("bug"), List.of());
      spawner.getSpec().setPollInterval("30s");
      Webhook webhook = WebhookControlPlane.signedWebhook();
      webhook.setTriggerPhrase("/axon fix");
      spawner.getSpec().setWebhook(webhook);
      hooks.client().resource(spawner).create();
      // Reading issue #5 fails, so the comment's entry stays queued and the queue (of one) is full.
      github.failNext(100_000);

      try (ControllerInstance leader = replica(ns, "leader", github.baseURL())) {
        LeaderElectionIT.awaitHolder(hooks.client(), LEASE, leader);
        hooks.awaitSpawner(ns, "hooks", s -> s.getStatus().getLastPollTime() != null);
        try (ControllerInstance standby = replica(ns, "standby", github.baseURL());
            WebhookSender toStandby = hooks.senderTo(standby)) {
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
          hooks.awaitSpawner(
              ns, "hooks", s -> s.getStatus().getQueuedItems().equals(List.of("comment:5:1")));

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
          Task fromPoll = hooks.awaitTask(ns, "hooks-1");
          assertThat(fromPoll.getSpec().getPrompt()).isEqualTo("Fix: Broken build\nIt fails.");
          assertThat(
                  hooks
                      .client()
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

  static ControllerInstance replica(String ns, String identity, String api) {
    JsonObject settings =
        hooks.settings(ns, "githubIssues", api).put("leaderElection", Leases.election(LEASE));
    settings.getJsonObject("webhook").put("maxQueuedItems", 1);
    return new ControllerInstance(hooks.plane(), settings, identity);
  }
}

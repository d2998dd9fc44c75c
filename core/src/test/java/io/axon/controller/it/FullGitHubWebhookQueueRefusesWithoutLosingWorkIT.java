package io.axon.controller.it;

import static io.axon.controller.it.FullWebhookQueuePlane.SECRET;
import static io.axon.controller.it.FullWebhookQueuePlane.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Webhook;
import io.axon.controller.report.ScriptedGitHubWrites;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.controller.webhook.WebhookSender;
import io.axon.controller.webhook.WebhookSender.Answer;
import io.axon.source.github.ScriptedGitHub;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A spawner's full queue of GitHub webhook work ({@code maxConcurrency} held by a running Task)
 * answers a further delivery 503 naming {@code webhook.maxQueuedItems}, keeps what it holds in
 * {@code status.queuedItems}, turns all of it into Tasks as room comes, and takes the refused
 * delivery when it is sent again under its delivery id (real HTTPS and HMAC, a real control plane
 * where kwok plays the pods, a scripted GitHub on 127.0.0.1).
 */
class FullGitHubWebhookQueueRefusesWithoutLosingWorkIT {

  @Test
  void aFullQueueOfGitHubWorkRefusesTheNextAndLosesNothing() throws Exception {
    try (FullWebhookQueuePlane q = FullWebhookQueuePlane.start("full-queue")) {
      q.client.resource(SpawnerFixtures.workspace(q.ns)).create();
      q.client.resource(SpawnerFixtures.secret(q.ns, SpawnerFixtures.TOKEN)).create();
      q.secret("webhook-secret", "GITHUB_WEBHOOK_SECRET", SECRET);
      TaskSpawner spawner = SpawnerFixtures.spawner(q.ns, "hooks", List.of("bug"), List.of());
      spawner.getSpec().setPollInterval("1h");
      spawner.getSpec().setMaxConcurrency(1);
      Webhook webhook = new Webhook();
      webhook.setSecretRef(new LocalObjectReference("webhook-secret"));
      webhook.setTriggerPhrase("/axon fix");
      spawner.getSpec().setWebhook(webhook);
      q.client.resource(spawner).create();
      q.pods.keepRunning("hooks-5-comment-1"); // holds the only place until the test ends it

      try (ScriptedGitHub issues = ScriptedGitHub.start(q.vertx, "acme", "widgets");
          ScriptedGitHubWrites github =
              ScriptedGitHubWrites.start(q.vertx)
                  .delegateTo(issues.baseURL())
                  .requireToken(SpawnerFixtures.TOKEN)
                  .issue(5, "Crash on start", "It crashes.", "bug");
          ControllerInstance controller =
              new ControllerInstance(
                  q.plane,
                  q.settings(new JsonObject().put("maxQueuedItems", 2))
                      .put(
                          "sources",
                          new JsonObject()
                              .put(
                                  "githubIssues",
                                  new JsonObject().put("apiBaseURL", github.baseURL()))));
          WebhookSender sender =
              new WebhookSender(
                  q.vertx,
                  controller.harness.controller().webhookPort(),
                  q.certificate.certificatePath())) {
        String path = "/webhooks/github/" + q.ns + "/hooks";
        assertThat(sender.deliver(path, "issue_comment", "f-1", SECRET, trigger(1)))
            .isEqualTo(new Answer(202, "queued: comment:5:1"));
        q.awaitTask("hooks-5-comment-1");
        // Its entry leaves the queue just after its Task is made: until then it holds a place.
        q.awaitSpawner(
            "hooks", s -> s.getStatus() != null && s.getStatus().getQueuedItems().isEmpty());
        assertThat(sender.deliver(path, "issue_comment", "f-2", SECRET, trigger(2)).status())
            .isEqualTo(202);
        assertThat(sender.deliver(path, "issue_comment", "f-3", SECRET, trigger(3)).status())
            .isEqualTo(202);
        List<String> full = List.of("comment:5:2", "comment:5:3");
        q.awaitSpawner("hooks", s -> s.getStatus().getQueuedItems().equals(full));

        JsonObject refused = trigger(4);
        assertThat(sender.deliver(path, "issue_comment", "f-4", SECRET, refused))
            .isEqualTo(
                new Answer(
                    503,
                    "the spawner's queue is full (webhook.maxQueuedItems: 2); redeliver it once"
                        + " its Tasks have made room, under the same delivery id"));
        assertThat(q.spawner("hooks").getStatus().getQueuedItems())
            .as("the queue after the refusal")
            .isEqualTo(full);
        assertThat(q.taskNames()).containsExactly("hooks-5-comment-1");

        // As the running Task ends, the queued ones get theirs, in order; the refused delivery,
        // sent again under its id (GitHub's "Redeliver"), is taken then.
        q.pods.complete("hooks-5-comment-1", TIMEOUT);
        q.awaitTask("hooks-5-comment-2");
        q.awaitTask("hooks-5-comment-3");
        q.awaitSpawner("hooks", s -> s.getStatus().getQueuedItems().isEmpty());
        assertThat(sender.deliver(path, "issue_comment", "f-4", SECRET, refused))
            .isEqualTo(new Answer(202, "queued: comment:5:4"));
        q.awaitTask("hooks-5-comment-4");
      }
      assertThat(q.taskNames())
          .containsExactly(
              "hooks-5-comment-1", "hooks-5-comment-2", "hooks-5-comment-3", "hooks-5-comment-4");
    }
  }

  static JsonObject trigger(long comment) {
    return WebhookSender.commentCreated(
        5, comment, "octocat", "/axon fix", Instant.now().minusSeconds(5));
  }
}

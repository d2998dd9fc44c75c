package io.axon.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Webhook;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkRequestsTest {
  static Webhook webhook(String phrase, Boolean checks) {
    Webhook webhook = new Webhook();
    webhook.setTriggerPhrase(phrase);
    webhook.setCheckFailures(checks);
    return webhook;
  }

  static JsonObject comment(String action, String body) {
    return new JsonObject()
        .put("action", action)
        .put("issue", new JsonObject().put("number", 5))
        .put(
            "comment",
            new JsonObject()
                .put("id", 77)
                .put("body", body)
                .put("user", new JsonObject().put("login", "octocat")));
  }

  static JsonObject check(String event, String conclusion, boolean onPull) {
    JsonArray pulls = new JsonArray();
    if (onPull) {
      pulls.add(new JsonObject().put("number", 7));
    }
    return new JsonObject()
        .put("action", "completed")
        .put(
            event,
            new JsonObject()
                .put("id", 99)
                .put("conclusion", conclusion)
                .put("pull_requests", pulls));
  }

  @Test
  void aNewCommentWithThePhraseAsksForATaskGatedOnItsAuthor() {
    assertThat(
            WorkRequests.of(
                "issue_comment", comment("created", "pls /axon fix"), webhook("/axon fix", null)))
        .contains(new WorkRequests(new QueueEntry("comment", 5, 77), "octocat"));
    assertThat(
            WorkRequests.of(
                "issue_comment", comment("edited", "/axon fix"), webhook("/axon fix", null)))
        .isEmpty();
    assertThat(
            WorkRequests.of(
                "issue_comment", comment("created", "/axon fi"), webhook("/axon fix", null)))
        .isEmpty();
    assertThat(
            WorkRequests.of("issue_comment", comment("created", "/axon fix"), webhook(null, null)))
        .as("no phrase, no comments")
        .isEmpty();
  }

  @Test
  void aFailedCheckOnAPullRequestAsksForATaskWhenTheSpawnerWantsThem() {
    assertThat(
            WorkRequests.of("check_run", check("check_run", "failure", true), webhook(null, true)))
        .contains(new WorkRequests(new QueueEntry("check_run", 7, 99), null));
    assertThat(
            WorkRequests.of(
                "check_suite", check("check_suite", "timed_out", true), webhook(null, true)))
        .contains(new WorkRequests(new QueueEntry("check_suite", 7, 99), null));
    assertThat(
            WorkRequests.of("check_run", check("check_run", "success", true), webhook(null, true)))
        .isEmpty();
    assertThat(
            WorkRequests.of("check_run", check("check_run", "failure", false), webhook(null, true)))
        .isEmpty();
    assertThat(
            WorkRequests.of("check_run", check("check_run", "failure", true), webhook(null, null)))
        .isEmpty();
  }

  @Test
  void workOlderThanAnHourIsAReplay() {
    java.time.Instant now = java.time.Instant.parse("2026-12-03T06:00:00Z");
    JsonObject fresh = comment("created", "/axon fix");
    fresh.getJsonObject("comment").put("created_at", "2026-12-03T05:30:00Z");
    JsonObject old = comment("created", "/axon fix");
    old.getJsonObject("comment").put("created_at", "2026-12-03T04:59:59Z");
    assertThat(WorkRequests.stale("issue_comment", fresh, now)).isFalse();
    assertThat(WorkRequests.stale("issue_comment", old, now)).isTrue();
    JsonObject run = check("check_run", "failure", true);
    run.getJsonObject("check_run").put("completed_at", "2026-12-02T06:00:00Z");
    assertThat(WorkRequests.stale("check_run", run, now)).isTrue();
  }

  @Test
  void queueEntriesReadBackAndNameOneTaskEach() {
    QueueEntry entry = new QueueEntry("check_run", 7, 99);
    assertThat(QueueEntry.parse(entry.toString())).contains(entry);
    assertThat(entry.itemId()).isEqualTo("7-check-99");
    assertThat(new QueueEntry("comment", 5, 77).itemId()).isEqualTo("5-comment-77");
    assertThat(QueueEntry.parse("comment:5:77; rm -rf /")).isEmpty();
    assertThat(QueueEntry.parse("other:5:77")).isEmpty();
  }

  @Test
  void recordedDeliveriesReadAsGitHubSendsThem() {
    Webhook webhook = webhook("/axon fix", true);
    assertThat(
            WorkRequests.of(
                "issue_comment", WebhookSender.recorded("issue_comment.created"), webhook))
        .contains(new WorkRequests(new QueueEntry("comment", 1, 77001), "octocat"));
    assertThat(WorkRequests.of("check_run", WebhookSender.recorded("check_run.completed"), webhook))
        .contains(new WorkRequests(new QueueEntry("check_run", 1, 128620228), null));
    assertThat(
            WorkRequests.of(
                "check_suite", WebhookSender.recorded("check_suite.completed"), webhook))
        .contains(new WorkRequests(new QueueEntry("check_suite", 1, 118578147), null));
    assertThat(GitHubEvents.pollReason("issues", WebhookSender.recorded("issues.opened")))
        .isEqualTo("issue opened");
    assertThat(GitHubEvents.pollReason("issues", WebhookSender.recorded("issues.labeled")))
        .isEqualTo("issue labeled");
    assertThat(
            GitHubEvents.pollReason("pull_request", WebhookSender.recorded("pull_request.opened")))
        .isEqualTo("pull request opened");
    assertThat(
            GitHubEvents.pollReason("pull_request", WebhookSender.recorded("pull_request.labeled")))
        .isEqualTo("pull request labeled");
    for (String event : List.of("issues.opened", "pull_request.opened", "check_suite.completed")) {
      assertThat(WebhookSender.recorded(event).getJsonObject("repository").getString("full_name"))
          .as(event + "'s repository")
          .isEqualTo("acme/widgets");
    }
  }

  @Test
  void aCheckSuiteIsAReplayAnHourAfterItsUpdate() {
    JsonObject suite =
        WebhookSender.checkSuiteCompleted(
            42, 7, "feature", "failure", java.time.Instant.parse("2026-12-03T05:00:00Z"));
    assertThat(
            WorkRequests.stale(
                "check_suite", suite, java.time.Instant.parse("2026-12-03T05:59:00Z")))
        .isFalse();
    assertThat(
            WorkRequests.stale(
                "check_suite", suite, java.time.Instant.parse("2026-12-03T06:00:01Z")))
        .isTrue();
    assertThat(WorkRequests.of("check_suite", suite, webhook(null, true)))
        .contains(new WorkRequests(new QueueEntry("check_suite", 7, 42), null));
    assertThat(
            WorkRequests.of(
                "check_suite",
                WebhookSender.checkSuiteCompleted(
                    42, 7, "feature", "success", java.time.Instant.now()),
                webhook(null, true)))
        .isEmpty();
  }
}

package io.axon.controller.webhook;

import io.axon.api.v1alpha1.Webhook;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Deliveries that ask for a Task of their own: a new comment with the spawner's trigger phrase, or
 * a check run or check suite that completed with failure on a pull request.
 *
 * @param entry what to queue
 * @param author whose author gate decides, or null when it is the pull request's author (read from
 *     GitHub)
 */
record WorkRequests(QueueEntry entry, String author) {
  static final Set<String> FAILED = Set.of("failure", "timed_out");

  /** Work older than this is not taken: a delivery replayed later asks for nothing. */
  static final Duration REPLAY_WINDOW = Duration.ofHours(1);

  /** Whether the work is older than {@link #REPLAY_WINDOW} at {@code now} (signed, so trusted). */
  static boolean stale(String event, JsonObject payload, Instant now) {
    JsonObject subject =
        payload.getJsonObject(event.equals("issue_comment") ? "comment" : event, new JsonObject());
    String when =
        subject.getString(
            event.equals("issue_comment")
                ? "created_at"
                : event.equals("check_run") ? "completed_at" : "updated_at");
    if (when == null) {
      return false;
    }
    try {
      return Instant.parse(when).plus(REPLAY_WINDOW).isBefore(now);
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  static Optional<WorkRequests> of(String event, JsonObject payload, Webhook webhook) {
    String action = payload.getString("action", "");
    switch (event) {
      case "issue_comment" -> {
        String phrase = webhook.getTriggerPhrase();
        JsonObject comment = payload.getJsonObject("comment", new JsonObject());
        JsonObject issue = payload.getJsonObject("issue", new JsonObject());
        if (phrase == null
            || !action.equals("created")
            || !comment.getString("body", "").contains(phrase)
            || !(comment.getValue("id") instanceof Number id)
            || !(issue.getValue("number") instanceof Number number)) {
          return Optional.empty();
        }
        String author = comment.getJsonObject("user", new JsonObject()).getString("login");
        return Optional.of(
            new WorkRequests(
                new QueueEntry(QueueEntry.COMMENT, number.longValue(), id.longValue()), author));
      }
      case "check_run", "check_suite" -> {
        JsonObject check = payload.getJsonObject(event, new JsonObject());
        JsonArray pulls = check.getJsonArray("pull_requests", new JsonArray());
        if (!Boolean.TRUE.equals(webhook.getCheckFailures())
            || !action.equals("completed")
            || !FAILED.contains(check.getString("conclusion", ""))
            || pulls.isEmpty()
            || !(pulls.getValue(0) instanceof JsonObject pull)
            || !(pull.getValue("number") instanceof Number number)
            || !(check.getValue("id") instanceof Number id)) {
          return Optional.empty();
        }
        String kind = event.equals("check_run") ? QueueEntry.CHECK_RUN : QueueEntry.CHECK_SUITE;
        return Optional.of(
            new WorkRequests(new QueueEntry(kind, number.longValue(), id.longValue()), null));
      }
      default -> {
        return Optional.empty();
      }
    }
  }
}

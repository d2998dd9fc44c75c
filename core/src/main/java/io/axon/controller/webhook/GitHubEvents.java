package io.axon.controller.webhook;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Which GitHub deliveries can bring a spawner new work, so that it polls at once. */
final class GitHubEvents {
  static final Set<String> ISSUE_ACTIONS =
      Set.of("opened", "reopened", "labeled", "unlabeled", "edited", "transferred");
  static final Set<String> PULL_REQUEST_ACTIONS =
      Set.of("opened", "reopened", "labeled", "unlabeled", "edited", "ready_for_review");

  private GitHubEvents() {}

  /** Why this delivery makes the spawner poll, or null when it does not. */
  static String pollReason(String event, JsonObject payload) {
    String action = payload.getString("action", "");
    return switch (event) {
      case "issues" -> ISSUE_ACTIONS.contains(action) ? "issue " + action : null;
      case "pull_request" ->
          PULL_REQUEST_ACTIONS.contains(action) ? "pull request " + action : null;
      default -> null;
    };
  }
}

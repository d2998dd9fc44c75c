package io.axon.controller.report;

import io.axon.api.v1alpha1.Task;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keeps one comment per Task on its issue or pull request (or, when the spawner asks, one per phase
 * the Task reaches): creates it once, then edits it when the text rendered from the Task's status
 * changes. Without a remembered id (a restart before the id was saved) it first looks for the
 * comment by the Task's hidden marker, so a Task never gets two. When the Task has finished and its
 * issue carries {@code axon/needs-input} (the agent asked a person), the comment says so; the issue
 * is read only when the Task's own text changes.
 */
final class IssueComments {
  /** Comments read when looking for the marker: enough for any issue an agent works on. */
  static final int MAX_PAGES = 10;

  private IssueComments() {}

  /**
   * @param api a client for the target's API, made only when a write is due
   * @return what is written now
   */
  static Reported reconcile(
      Task task, ReportTarget target, Reported reported, Supplier<GitHubApi> api) {
    return reconcile(task, target, reported, api, false);
  }

  /**
   * @param perPhase one comment per phase the Task reaches, each marked with its phase, instead of
   *     one for the whole Task
   */
  static Reported reconcile(
      Task task,
      ReportTarget target,
      Reported reported,
      Supplier<GitHubApi> api,
      boolean perPhase) {
    String phase = perPhase ? ReportText.phase(task).name() : reported.commentPhase();
    String body = perPhase ? ReportText.phaseComment(task) : ReportText.comment(task);
    String digest = Reported.digest(body);
    boolean samePhase = Objects.equals(phase, reported.commentPhase());
    if (digest.equals(reported.commentDigest()) && samePhase) {
      return reported;
    }
    GitHubApi github = api.get();
    if (ReportText.phase(task).isFinished() && asksForInput(github, target)) {
      body = body + "\n\n" + ReportText.NEEDS_INPUT;
    }
    JsonObject text = new JsonObject().put("body", body);
    // A phase's first report makes its own comment; the remembered id is an earlier phase's.
    Long id = samePhase ? reported.commentId() : null;
    if (id == null) {
      id =
          find(
              github,
              target,
              perPhase ? ReportText.marker(task, ReportText.phase(task)) : ReportText.marker(task));
    }
    if (id != null) {
      try {
        github.patch(target.repoPath() + "/issues/comments/" + id, text);
        return reported.withComment(id, digest, phase);
      } catch (GitHubWriteException e) {
        if (!e.notFound()) {
          throw e;
        }
        // Deleted by someone: the Task still reports, in a new comment.
      }
    }
    JsonObject created =
        github.post(target.repoPath() + "/issues/" + target.number() + "/comments", text);
    return reported.withComment(created.getLong("id"), digest, phase);
  }

  /** Whether the issue carries the label by which the agent asks a person for input. */
  private static boolean asksForInput(GitHubApi github, ReportTarget target) {
    try {
      JsonArray labels =
          github
              .get(target.repoPath() + "/issues/" + target.number())
              .getJsonArray("labels", new JsonArray());
      return labels.stream()
          .anyMatch(
              label ->
                  label instanceof JsonObject object
                      && ReportText.NEEDS_INPUT_LABEL.equals(object.getString("name")));
    } catch (GitHubWriteException e) {
      if (e.notFound()) {
        return false;
      }
      throw e;
    }
  }

  private static Long find(GitHubApi github, ReportTarget target, String marker) {
    for (int page = 1; page <= MAX_PAGES; page++) {
      JsonArray comments =
          github.getArray(
              target.repoPath()
                  + "/issues/"
                  + target.number()
                  + "/comments?per_page=100&page="
                  + page);
      for (Object each : comments) {
        if (each instanceof JsonObject comment
            && comment.getString("body", "").contains(marker)
            && comment.getValue("id") instanceof Number id) {
          return id.longValue();
        }
      }
      if (comments.size() < 100) {
        return null;
      }
    }
    return null;
  }
}

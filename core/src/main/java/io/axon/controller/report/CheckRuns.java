package io.axon.controller.report;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Keeps one Check Run per Task on its pull request's head commit (as it was when the Task first
 * reported): queued while the Task is pending, in progress while it runs, then completed with
 * success or failure and the report's summary, so branch protection can wait for the agent. The
 * Check Run carries the Task's UID as its {@code external_id}, by which a restarted controller
 * finds it again.
 */
final class CheckRuns {
  static final String DEFAULT_NAME = "axon";

  private CheckRuns() {}

  /** The Check Run's fields as the Task's status calls for them, without the commit. */
  static JsonObject desired(Task task, String name) {
    TaskStatus status = task.getStatus();
    JsonObject run =
        new JsonObject()
            .put("name", name)
            .put("external_id", task.getMetadata().getUid())
            .put(
                "output",
                new JsonObject()
                    .put("title", ReportText.headline(task).replace("**", ""))
                    .put("summary", ReportText.summary(task)));
    switch (ReportText.phase(task)) {
      case Pending -> run.put("status", "queued");
      case Running -> run.put("status", "in_progress");
      case Succeeded -> run.put("status", "completed").put("conclusion", "success");
      case Failed -> run.put("status", "completed").put("conclusion", "failure");
    }
    if (status != null && status.getStartTime() != null) {
      run.put("started_at", status.getStartTime());
    }
    if (status != null
        && status.getCompletionTime() != null
        && "completed".equals(run.getString("status"))) {
      run.put("completed_at", status.getCompletionTime());
    }
    return run;
  }

  static Reported reconcile(
      Task task, ReportTarget target, String name, Reported reported, Supplier<GitHubApi> api) {
    JsonObject desired = desired(task, name);
    String digest = Reported.digest(desired.encode());
    if (digest.equals(reported.checkRunDigest())) {
      return reported;
    }
    GitHubApi github = api.get();
    Long id = reported.checkRunId();
    if (id != null) {
      try {
        github.patch(target.repoPath() + "/check-runs/" + id, desired);
        return reported.withCheckRun(id, digest);
      } catch (GitHubWriteException e) {
        if (!e.notFound()) {
          throw e;
        }
      }
    }
    String sha =
        github
            .get(target.repoPath() + "/pulls/" + target.number())
            .getJsonObject("head", new JsonObject())
            .getString("sha");
    if (sha == null || !sha.matches("[0-9a-f]{40}")) {
      throw new GitHubWriteException(0, "pull request #" + target.number() + " has no head sha");
    }
    Long found = find(github, target, sha, name, task.getMetadata().getUid());
    if (found != null) {
      github.patch(target.repoPath() + "/check-runs/" + found, desired);
      return reported.withCheckRun(found, digest);
    }
    JsonObject created =
        github.post(target.repoPath() + "/check-runs", desired.copy().put("head_sha", sha));
    return reported.withCheckRun(created.getLong("id"), digest);
  }

  private static Long find(
      GitHubApi github, ReportTarget target, String sha, String name, String uid) {
    JsonObject answer =
        github.get(
            target.repoPath()
                + "/commits/"
                + sha
                + "/check-runs?filter=all&per_page=100&check_name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8));
    for (Object each : answer.getJsonArray("check_runs", new JsonArray())) {
      if (each instanceof JsonObject run
          && uid.equals(run.getString("external_id"))
          && run.getValue("id") instanceof Number id) {
        return id.longValue();
      }
    }
    return null;
  }
}

package io.axon.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which GitHub REST calls a Task may make, scoped to its Workspace's repository: read the
 * repository (GET and HEAD under {@code /repos/OWNER/REPO}), open a pull request whose head is one
 * of the Task's own branches, and comment on the Task's own issue or a pull request it opened.
 * Everything else (other repositories, GraphQL, writes to anything else) is refused.
 */
public final class GitHubApiRule {
  private static final Pattern REPO_PATH =
      Pattern.compile("/repos/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)(/.*)?");
  private static final Pattern COMMENTS = Pattern.compile("/issues/([0-9]{1,12})/comments");

  private final String owner;
  private final String repo;
  private final GitPushRule branches;

  /**
   * @param owner the Workspace repository's owner
   * @param repo its name, without {@code .git}
   * @param branches the Task's own branches (pull requests may come only from them)
   */
  public GitHubApiRule(String owner, String repo, GitPushRule branches) {
    this.owner = owner;
    this.repo = repo;
    this.branches = branches;
  }

  /** Whether {@link #decide} needs the request body (it reads a new pull request's head). */
  public boolean needsBody(String method, String path) {
    return method.equals("POST") && path.equals(repoPrefix() + "/pulls");
  }

  /**
   * @param path the request path under the API's base (e.g. {@code /repos/o/r/pulls}), raw (not
   *     percent-decoded), without the query
   * @param ownIssues issue and pull request numbers the Task may comment on
   * @param body the request body when {@link #needsBody}, else ignored
   */
  public Decision decide(String method, String path, Set<Long> ownIssues, byte[] body) {
    if (path.contains("%")
        || path.contains("//")
        || path.contains("/../")
        || path.endsWith("/..")) {
      return Decision.refuse("axon gateway: GitHub API path not in canonical form: " + path);
    }
    if ((method.equals("GET") || method.equals("HEAD")) && path.equals("/rate_limit")) {
      return Decision.allow();
    }
    Matcher m = REPO_PATH.matcher(path);
    if (!m.matches()
        || !m.group(1).toLowerCase(Locale.ROOT).equals(owner.toLowerCase(Locale.ROOT))
        || !m.group(2).toLowerCase(Locale.ROOT).equals(repo.toLowerCase(Locale.ROOT))) {
      return Decision.refuse(
          "axon gateway: this Task may use the GitHub API only for " + owner + "/" + repo);
    }
    String rest = m.group(3) == null ? "" : m.group(3);
    if (method.equals("GET") || method.equals("HEAD")) {
      return Decision.allow();
    }
    if (method.equals("POST") && rest.equals("/pulls")) {
      return pullRequest(body);
    }
    Matcher comments = COMMENTS.matcher(rest);
    if (method.equals("POST") && comments.matches()) {
      long number = Long.parseLong(comments.group(1));
      return ownIssues.contains(number)
          ? Decision.allow()
          : Decision.refuse(
              "axon gateway: this Task may comment only on its own issue or pull request, not #"
                  + number);
    }
    return Decision.refuse(
        "axon gateway: "
            + method
            + " "
            + path
            + " is not allowed (reads of "
            + owner
            + "/"
            + repo
            + ", a pull request from the Task's branch and comments on its own issue are)");
  }

  private Decision pullRequest(byte[] body) {
    JsonObject json;
    try {
      json = new JsonObject(Buffer.buffer(body == null ? new byte[0] : body));
    } catch (DecodeException | ClassCastException e) {
      return Decision.refuse("axon gateway: a pull request body must be a JSON object");
    }
    String head = json.getValue("head") instanceof String h ? h : "";
    int colon = head.indexOf(':');
    if (colon >= 0) {
      if (!head.substring(0, colon).equalsIgnoreCase(owner)) {
        return Decision.refuse(
            "axon gateway: a pull request's head must be in " + owner + "/" + repo);
      }
      head = head.substring(colon + 1);
    }
    if (json.getValue("head_repo") != null) {
      return Decision.refuse(
          "axon gateway: a pull request's head must be in " + owner + "/" + repo);
    }
    Decision branch = branches.decide(new RefUpdate("0", "1", "refs/heads/" + head));
    return branch.allowed()
        ? Decision.allow()
        : Decision.refuse(
            "axon gateway: a pull request may come only from this Task's branches ("
                + String.join(", ", branches.branchPrefixes())
                + "), not "
                + head);
  }

  private String repoPrefix() {
    return "/repos/" + owner + "/" + repo;
  }
}

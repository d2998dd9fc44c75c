package io.axon.gateway;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one valid per-Task token lets its holder do, with the real credentials the gateway puts in
 * its place. {@link #toString} names the Task only.
 *
 * @param oauth true when {@code modelCredential} is an OAuth token (sent as {@code Authorization:
 *     Bearer}), false for an API key ({@code x-api-key})
 * @param gitToken the Workspace's token, for git and the GitHub API; empty for none
 * @param repo the Workspace's repository URL; empty when the Task has no Workspace
 * @param ownIssues issue and pull request numbers the Task may comment on; grows as it opens pull
 *     requests through the gateway
 * @param modelProvider the model API its agent speaks: its token is good on that route only
 * @param gitTokenScope the hosts {@code gitToken} may be sent to
 */
public record TaskGrant(
    String namespace,
    String task,
    boolean oauth,
    String modelCredential,
    Optional<String> gitToken,
    Optional<URI> repo,
    GitPushRule push,
    EgressRule egress,
    Set<Long> ownIssues,
    ModelProvider modelProvider,
    GitTokenScope gitTokenScope) {

  public TaskGrant {
    Objects.requireNonNull(modelProvider, "modelProvider");
    Objects.requireNonNull(gitTokenScope, "gitTokenScope");
    Set<Long> issues = ConcurrentHashMap.newKeySet();
    issues.addAll(ownIssues);
    ownIssues = issues;
  }

  /** A grant whose git token, if any, may go to no host ({@link GitTokenScope#NONE}). */
  public TaskGrant(
      String namespace,
      String task,
      boolean oauth,
      String modelCredential,
      Optional<String> gitToken,
      Optional<URI> repo,
      GitPushRule push,
      EgressRule egress,
      Set<Long> ownIssues,
      ModelProvider modelProvider) {
    this(
        namespace,
        task,
        oauth,
        modelCredential,
        gitToken,
        repo,
        push,
        egress,
        ownIssues,
        modelProvider,
        GitTokenScope.NONE);
  }

  /** A grant for an agent that speaks the Anthropic API. */
  public TaskGrant(
      String namespace,
      String task,
      boolean oauth,
      String modelCredential,
      Optional<String> gitToken,
      Optional<URI> repo,
      GitPushRule push,
      EgressRule egress,
      Set<Long> ownIssues) {
    this(
        namespace,
        task,
        oauth,
        modelCredential,
        gitToken,
        repo,
        push,
        egress,
        ownIssues,
        ModelProvider.ANTHROPIC);
  }

  /**
   * Why the git token may not be sent to {@code url}, saying which Secret and what to add; empty
   * when it may, or when there is no token to send.
   *
   * @param use what would send it, for the message
   */
  public Optional<String> gitTokenRefusal(URI url, String use) {
    return gitToken.isEmpty() && gitTokenScope.unusable().isEmpty()
        ? Optional.empty()
        : gitTokenScope.refusal(url, use);
  }

  /** {@code OWNER/REPO} of a github-style repository URL ({@code /OWNER/REPO[.git]}). */
  public Optional<String[]> ownerAndRepo() {
    return repo.flatMap(GatewayUrls::ownerAndRepo);
  }

  public String key() {
    return namespace + "/" + task;
  }

  @Override
  public String toString() {
    return "TaskGrant[" + key() + "]";
  }
}

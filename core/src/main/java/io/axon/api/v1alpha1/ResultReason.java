package io.axon.api.v1alpha1;

/**
 * Why a Task's run ended: the closed set {@code status.result.reason} takes its values from, and
 * the names {@code spec.retry.onReasons} lists. Each has a one-line message saying what to do.
 * Adding one is an API change: document it in the README's table.
 */
public enum ResultReason {
  Completed("The agent finished its task."),
  AgentGaveUp(
      "The agent said it could not do the task: read its message, then sharpen the prompt or fix"
          + " what it names."),
  NeedsInput(
      "The agent needs an answer from a person: read its question and re-run with the answer in"
          + " the prompt."),
  LimitReached(
      "A limit stopped the agent; its work so far is on the branch in status.result.branch: raise"
          + " the limit or carry on from that branch."),
  DeadlineExceeded(
      "The Task ran past spec.activeDeadlineSeconds and was stopped: raise it, or split the task."),
  ModelAuthFailed(
      "The model API refused the credential: check the Secret in spec.credentials (key, expiry,"
          + " organisation)."),
  ModelRateLimited(
      "The model API rate-limited the agent: run fewer Tasks at once, or list ModelRateLimited in"
          + " spec.retry.onReasons."),
  ModelUnavailable(
      "The model API was overloaded or unreachable: try again later, or list ModelUnavailable in"
          + " spec.retry.onReasons."),
  GitAuthFailed(
      "The git host refused the Workspace's credential: check its Secret's token and that it can"
          + " read the repository."),
  CloneFailed(
      "Cloning the Workspace failed: check its repo URL and ref, and that the host is reachable."),
  SetupFailed(
      "The Workspace's files or setupCommand failed: its output's tail is in the message; fix"
          + " the command or the files."),
  OOMKilled(
      "The agent used more memory than its limit and was killed: raise the controller's agent"
          + " memory limit, or give the agent a smaller task."),
  Evicted(
      "The agent's pod was evicted or preempted from its node: run it again, or list Evicted in"
          + " spec.retry.onReasons."),
  ImageUnavailable(
      "The agent's image could not be pulled: check the image name and the node's access to its"
          + " registry."),
  InfrastructureError(
      "The pod or container failed around the agent, not the agent itself: see the message; a"
          + " retry usually helps (list InfrastructureError in spec.retry.onReasons)."),
  Unknown(
      "The run ended without a result the controller understands: see the message and `axon logs`.");

  private final String advice;

  ResultReason(String advice) {
    this.advice = advice;
  }

  /** What a person should do about a run that ended this way, in one line. */
  public String advice() {
    return advice;
  }

  /** The reason named {@code name}, whatever its case; empty when it names none. */
  public static java.util.Optional<ResultReason> named(String name) {
    if (name == null) {
      return java.util.Optional.empty();
    }
    for (ResultReason reason : values()) {
      if (reason.name().equalsIgnoreCase(name)) {
        return java.util.Optional.of(reason);
      }
    }
    return java.util.Optional.empty();
  }
}

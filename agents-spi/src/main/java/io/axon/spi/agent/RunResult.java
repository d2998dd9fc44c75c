package io.axon.spi.agent;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The summary of one agent run. The agent image's entrypoint writes it as JSON to the container's
 * termination message; the controller copies it into the Task's status. Every field but {@code
 * outcome} may be null when unknown. Read forward-compatibly: fields a newer image adds are
 * ignored, and the outcome is read whatever its case.
 *
 * @param outcome whether the run achieved its task
 * @param reason a machine-readable reason, for example {@code error_max_turns}
 * @param message a short human-readable message (the agent's final words or its error)
 * @param turns how many turns the agent took
 * @param costUSD what the run cost, in US dollars
 * @param inputTokens model input tokens
 * @param outputTokens model output tokens
 * @param durationMillis wall time of the run
 * @param model the model that answered
 * @param branch the git branch checked out in the workspace when the agent ended
 * @param commit the HEAD commit in the workspace when the agent ended
 * @param pullRequestURL the pull request the agent opened, when it opened one
 * @param limit the limit that stopped the run ({@code maxTurns}, {@code maxCostUSD}, {@code
 *     maxDuration} or {@code maxOutputTokens}) when one did; the reason is then {@link
 *     #LIMIT_REACHED} and {@code branch} names where the work so far was saved
 * @param wipBranch the branch the unfinished work was committed and pushed to, when a limit or a
 *     signal stopped the agent and the push worked; a retry starts from it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunResult(
    @JsonProperty("outcome") @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
        Outcome outcome,
    @JsonProperty("reason") String reason,
    @JsonProperty("message") String message,
    @JsonProperty("turns") Integer turns,
    @JsonProperty("costUSD") Double costUSD,
    @JsonProperty("inputTokens") Long inputTokens,
    @JsonProperty("outputTokens") Long outputTokens,
    @JsonProperty("durationMillis") Long durationMillis,
    @JsonProperty("model") String model,
    @JsonProperty("branch") String branch,
    @JsonProperty("commit") String commit,
    @JsonProperty("pullRequestURL") String pullRequestURL,
    @JsonProperty("limit") String limit,
    @JsonProperty("wipBranch") String wipBranch) {

  /** The reason of a run that a limit stopped. */
  public static final String LIMIT_REACHED = "limit_reached";

  /** A result that no limit stopped. */
  public RunResult(
      Outcome outcome,
      String reason,
      String message,
      Integer turns,
      Double costUSD,
      Long inputTokens,
      Long outputTokens,
      Long durationMillis,
      String model,
      String branch,
      String commit,
      String pullRequestURL) {
    this(
        outcome,
        reason,
        message,
        turns,
        costUSD,
        inputTokens,
        outputTokens,
        durationMillis,
        model,
        branch,
        commit,
        pullRequestURL,
        null,
        null);
  }

  /** Whether the agent achieved its task. */
  public enum Outcome {
    @JsonProperty("Succeeded")
    SUCCEEDED,
    @JsonProperty("Failed")
    FAILED
  }

  /** This result with the workspace's git state added. */
  public RunResult withGit(String branch, String commit, String pullRequestURL) {
    return new RunResult(
        outcome,
        reason,
        message,
        turns,
        costUSD,
        inputTokens,
        outputTokens,
        durationMillis,
        model,
        branch,
        commit,
        pullRequestURL,
        limit,
        wipBranch);
  }

  /** This result with another message. */
  public RunResult withMessage(String message) {
    return new RunResult(
        outcome,
        reason,
        message,
        turns,
        costUSD,
        inputTokens,
        outputTokens,
        durationMillis,
        model,
        branch,
        commit,
        pullRequestURL,
        limit,
        wipBranch);
  }

  /** Whether the run succeeded. */
  public boolean succeeded() {
    return outcome == Outcome.SUCCEEDED;
  }
}

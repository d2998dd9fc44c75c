package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The agent's own summary of its run, read from the container's termination message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskResult {
  @JsonPropertyDescription("Succeeded or Failed, as the agent judged its run.")
  private String outcome;

  @JsonPropertyDescription(
      "Why the run ended, one of: Completed, AgentGaveUp, NeedsInput, LimitReached,"
          + " DeadlineExceeded, ModelAuthFailed, ModelRateLimited, ModelUnavailable, GitAuthFailed,"
          + " CloneFailed, OOMKilled, Evicted, ImageUnavailable, InfrastructureError, Unknown.")
  private String reason;

  @JsonPropertyDescription("What to do about a run that ended for this reason, in one line.")
  private String advice;

  @JsonPropertyDescription(
      "The agent's own reason as its summary gave it, for example error_max_turns.")
  private String agentReason;

  @JsonPropertyDescription(
      "The branch the agent's unfinished work was saved to, when it was stopped (by a limit) and"
          + " its work salvaged; a retry starts from it.")
  private String wipBranch;

  private Integer turns;

  @JsonPropertyDescription("Cost in US dollars, as a decimal string.")
  private String costUSD;

  private Long inputTokens;
  private Long outputTokens;
  private Long durationMillis;
  private String model;
  private String branch;
  private String commit;
  private String pullRequestURL;

  /** The most characters of the agent's final text a result keeps. */
  public static final int SUMMARY_MAX_CHARS = 2048;

  @JsonPropertyDescription(
      "The agent's final text, at most 2048 characters; dependent Tasks read it as"
          + " {{.Deps.<name>.Result.Summary}}.")
  private String summary;

  public String getSummary() {
    return summary;
  }

  public void setSummary(String summary) {
    this.summary = summary;
  }

  @JsonPropertyDescription(
      "The limit that stopped the run (maxTurns, maxCostUSD, maxDuration, maxOutputTokens or"
          + " activeDeadlineSeconds), when one did; branch then holds the work so far.")
  private String limit;

  public String getOutcome() {
    return outcome;
  }

  public void setOutcome(String outcome) {
    this.outcome = outcome;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getAdvice() {
    return advice;
  }

  public void setAdvice(String advice) {
    this.advice = advice;
  }

  public String getAgentReason() {
    return agentReason;
  }

  public void setAgentReason(String agentReason) {
    this.agentReason = agentReason;
  }

  public String getWipBranch() {
    return wipBranch;
  }

  public void setWipBranch(String wipBranch) {
    this.wipBranch = wipBranch;
  }

  public Integer getTurns() {
    return turns;
  }

  public void setTurns(Integer turns) {
    this.turns = turns;
  }

  public String getCostUSD() {
    return costUSD;
  }

  public void setCostUSD(String costUSD) {
    this.costUSD = costUSD;
  }

  public Long getInputTokens() {
    return inputTokens;
  }

  public void setInputTokens(Long inputTokens) {
    this.inputTokens = inputTokens;
  }

  public Long getOutputTokens() {
    return outputTokens;
  }

  public void setOutputTokens(Long outputTokens) {
    this.outputTokens = outputTokens;
  }

  public Long getDurationMillis() {
    return durationMillis;
  }

  public void setDurationMillis(Long durationMillis) {
    this.durationMillis = durationMillis;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public String getBranch() {
    return branch;
  }

  public void setBranch(String branch) {
    this.branch = branch;
  }

  public String getCommit() {
    return commit;
  }

  public void setCommit(String commit) {
    this.commit = commit;
  }

  public String getPullRequestURL() {
    return pullRequestURL;
  }

  public void setPullRequestURL(String pullRequestURL) {
    this.pullRequestURL = pullRequestURL;
  }

  public String getLimit() {
    return limit;
  }

  public void setLimit(String limit) {
    this.limit = limit;
  }
}

package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One earlier attempt of a Task that was retried: {@code status.attempts[]}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskAttempt {
  @JsonPropertyDescription("1 for the first attempt.")
  private Integer attempt;

  @JsonPropertyDescription("The attempt's Job, kept until the Task is deleted.")
  private String jobName;

  @JsonPropertyDescription("How the attempt ended (a status.result.reason class).")
  private String reason;

  @JsonPropertyDescription("The attempt's status message.")
  private String message;

  @JsonPropertyDescription("The branch its unfinished work was saved to, when it was.")
  private String wipBranch;

  @JsonPropertyDescription("When the attempt ended (RFC 3339).")
  private String finishedAt;

  public Integer getAttempt() {
    return attempt;
  }

  public void setAttempt(Integer attempt) {
    this.attempt = attempt;
  }

  public String getJobName() {
    return jobName;
  }

  public void setJobName(String jobName) {
    this.jobName = jobName;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getWipBranch() {
    return wipBranch;
  }

  public void setWipBranch(String wipBranch) {
    this.wipBranch = wipBranch;
  }

  public String getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(String finishedAt) {
    this.finishedAt = finishedAt;
  }
}

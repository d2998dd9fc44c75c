package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What one finished attempt of a Task spent, kept by a TaskBudget for 24 hours. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SpendRecord {
  private String task;
  private String uid;

  @JsonPropertyDescription("The Task's attempt (spec.retry); absent for the first.")
  private Integer attempt;

  private String finishedAt;
  private Double costUSD;
  private Long tokens;

  public SpendRecord() {}

  public SpendRecord(String task, String uid, String finishedAt, Double costUSD, Long tokens) {
    this.task = task;
    this.uid = uid;
    this.finishedAt = finishedAt;
    this.costUSD = costUSD;
    this.tokens = tokens;
  }

  public String getTask() {
    return task;
  }

  public void setTask(String task) {
    this.task = task;
  }

  public String getUid() {
    return uid;
  }

  public void setUid(String uid) {
    this.uid = uid;
  }

  public Integer getAttempt() {
    return attempt;
  }

  public void setAttempt(Integer attempt) {
    this.attempt = attempt;
  }

  public String getFinishedAt() {
    return finishedAt;
  }

  public void setFinishedAt(String finishedAt) {
    this.finishedAt = finishedAt;
  }

  public Double getCostUSD() {
    return costUSD;
  }

  public void setCostUSD(Double costUSD) {
    this.costUSD = costUSD;
  }

  public Long getTokens() {
    return tokens;
  }

  public void setTokens(Long tokens) {
    this.tokens = tokens;
  }
}

package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the controller observed of a Task's run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TaskStatus {
  @JsonPropertyDescription(
      "Waiting (for its dependencies or its branch), Pending, Running, Succeeded or Failed.")
  private TaskPhase phase;

  @JsonPropertyDescription("The generation of the spec this status describes.")
  private Long observedGeneration;

  private String jobName;
  private String podName;

  @JsonPropertyDescription("When the agent's container started (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When the Task finished (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription("What is happening, or what went wrong and what to do about it.")
  private String message;

  @JsonPropertyDescription("The agent's summary of its run, when it reported one.")
  private TaskResult result;

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The attempt running or last run: 1 for the first (spec.retry).")
  private Integer attempt;

  @JsonPropertyDescription(
      "Earlier attempts that failed and were retried, oldest first (at most"
          + " spec.retry.maxAttempts - 1).")
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  private List<TaskAttempt> attempts = new ArrayList<>();

  @JsonPropertyDescription(
      "When the next attempt may start (RFC 3339), while the Task waits out spec.retry.backoff.")
  private String nextAttemptTime;

  public Integer getAttempt() {
    return attempt;
  }

  public void setAttempt(Integer attempt) {
    this.attempt = attempt;
  }

  public List<TaskAttempt> getAttempts() {
    return attempts;
  }

  public void setAttempts(List<TaskAttempt> attempts) {
    this.attempts = attempts == null ? new ArrayList<>() : attempts;
  }

  public String getNextAttemptTime() {
    return nextAttemptTime;
  }

  public void setNextAttemptTime(String nextAttemptTime) {
    this.nextAttemptTime = nextAttemptTime;
  }

  @JsonPropertyDescription("The gateway's request counts for this Task, when it went through one.")
  private GatewayStatus gateway;

  public GatewayStatus getGateway() {
    return gateway;
  }

  public void setGateway(GatewayStatus gateway) {
    this.gateway = gateway;
  }

  public TaskPhase getPhase() {
    return phase;
  }

  public void setPhase(TaskPhase phase) {
    this.phase = phase;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getJobName() {
    return jobName;
  }

  public void setJobName(String jobName) {
    this.jobName = jobName;
  }

  public String getPodName() {
    return podName;
  }

  public void setPodName(String podName) {
    this.podName = podName;
  }

  public String getStartTime() {
    return startTime;
  }

  public void setStartTime(String startTime) {
    this.startTime = startTime;
  }

  public String getCompletionTime() {
    return completionTime;
  }

  public void setCompletionTime(String completionTime) {
    this.completionTime = completionTime;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public TaskResult getResult() {
    return result;
  }

  public void setResult(TaskResult result) {
    this.result = result;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }
}

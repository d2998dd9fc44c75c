package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What an agent should do. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self == oldSelf",
    message = "a Task's spec cannot change once created: delete the Task and create a new one")
public class TaskSpec {
  /** Seven days: a longer run is a mistake, not a plan, and a Job's deadline is an int. */
  public static final long MAX_ACTIVE_DEADLINE_SECONDS = 604_800;

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(min = 1, max = 63)
  @JsonPropertyDescription("Agent type, for example claude-code. Plugins add types.")
  private String type;

  /**
   * The most UTF-8 bytes a prompt may hold: it travels to the agent in a pod annotation, and the
   * API server allows 256 KiB of annotations per pod; the rest is left for other annotations.
   */
  public static final int PROMPT_MAX_BYTES = 196_608;

  @Required
  @Size(min = 1, max = PROMPT_MAX_BYTES)
  @ValidationRule(
      value = "size(bytes(self)) <= " + PROMPT_MAX_BYTES,
      message = "the prompt is longer than 192 KiB (196608 bytes of UTF-8)")
  @ValidationRule(value = PromptRules.NOT_BLANK, message = PromptRules.NOT_BLANK_MESSAGE)
  @ValidationRule(value = PromptRules.NO_NUL, message = PromptRules.NO_NUL_MESSAGE)
  @JsonPropertyDescription(
      "The prompt, passed to the agent byte-exact. At most 192 KiB (196608 bytes of UTF-8).")
  private String prompt;

  @Required private Credentials credentials;

  @JsonPropertyDescription("Model override, for example claude-sonnet-4-20250514.")
  private String model;

  @JsonPropertyDescription("Workspace whose repository is cloned for the agent to work in.")
  private LocalObjectReference workspaceRef;

  @Min(1)
  @Max(TaskSpec.MAX_ACTIVE_DEADLINE_SECONDS)
  @JsonPropertyDescription("Seconds the agent may run before it is stopped and the Task fails.")
  private Long activeDeadlineSeconds;

  @Min(0)
  @JsonPropertyDescription(
      "Seconds after the Task finished (Succeeded or Failed) when it is deleted, with its Job and"
          + " Pod. Unset: kept until deleted.")
  private Long ttlSecondsAfterFinished;

  @JsonPropertyDescription(
      "Which failed attempts get another one (a new Job), how many in all and how long apart.")
  private RetrySpec retry;

  public RetrySpec getRetry() {
    return retry;
  }

  public void setRetry(RetrySpec retry) {
    this.retry = retry;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getPrompt() {
    return prompt;
  }

  public void setPrompt(String prompt) {
    this.prompt = prompt;
  }

  public Credentials getCredentials() {
    return credentials;
  }

  public void setCredentials(Credentials credentials) {
    this.credentials = credentials;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public LocalObjectReference getWorkspaceRef() {
    return workspaceRef;
  }

  public void setWorkspaceRef(LocalObjectReference workspaceRef) {
    this.workspaceRef = workspaceRef;
  }

  public Long getActiveDeadlineSeconds() {
    return activeDeadlineSeconds;
  }

  public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
    this.activeDeadlineSeconds = activeDeadlineSeconds;
  }

  public Long getTtlSecondsAfterFinished() {
    return ttlSecondsAfterFinished;
  }

  public void setTtlSecondsAfterFinished(Long ttlSecondsAfterFinished) {
    this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
  }
}

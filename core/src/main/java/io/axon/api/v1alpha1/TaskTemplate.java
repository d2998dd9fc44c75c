package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The Task a TaskSpawner creates for each work item. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = AgentPodRules.ONE_DEADLINE, message = AgentPodRules.ONE_DEADLINE_MESSAGE)
@ValidationRule(value = AgentPodRules.NONE_NEEDS_SA, message = AgentPodRules.NONE_NEEDS_SA_MESSAGE)
public class TaskTemplate {
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(min = 1, max = 63)
  @JsonPropertyDescription("Agent type, for example claude-code.")
  private String type;

  @Required private Credentials credentials;

  @JsonPropertyDescription("Model override.")
  private String model;

  @Size(max = PromptRules.MAX_LENGTH)
  @ValidationRule(value = PromptRules.NOT_BLANK, message = PromptRules.NOT_BLANK_MESSAGE)
  @ValidationRule(value = PromptRules.NO_NUL, message = PromptRules.NO_NUL_MESSAGE)
  @JsonPropertyDescription(
      "Prompt in Go template field syntax: {{.Title}}, {{.Body}}, {{.Number}}, {{.URL}},"
          + " {{.Labels}}. Item text is inserted literally, never evaluated.")
  private String promptTemplate;

  @Min(1)
  @Max(TaskSpec.MAX_ACTIVE_DEADLINE_SECONDS)
  @JsonPropertyDescription("Seconds each spawned Task may run.")
  private Long activeDeadlineSeconds;

  @Min(0)
  @JsonPropertyDescription(
      "Seconds after the Task finished (Succeeded or Failed) when it is deleted, with its Job and"
          + " Pod. Unset: kept until deleted.")
  private Long ttlSecondsAfterFinished;

  @Size(max = 512)
  @Pattern(AgentPodRules.IMAGE_PATTERN)
  @JsonPropertyDescription("The agent's container image, as in a Task.")
  private String image;

  @JsonPropertyDescription("What to change about each spawned Task's pod, as in a Task.")
  private PodOverrides podOverrides;

  @JsonPropertyDescription(
      "What the run may use (turns, cost, duration, output tokens): a limit reached stops the"
          + " agent and saves its work to the branch axon/<task>-wip.")
  private TaskLimits limits;

  @Size(max = 8)
  @JsonPropertyDescription("AgentConfigs of each spawned Task, as in a Task.")
  private List<LocalObjectReference> agentConfigRefs;

  @JsonPropertyDescription("Retries of each spawned Task's failed attempts, as in a Task's spec.")
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

  public String getPromptTemplate() {
    return promptTemplate;
  }

  public void setPromptTemplate(String promptTemplate) {
    this.promptTemplate = promptTemplate;
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

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public PodOverrides getPodOverrides() {
    return podOverrides;
  }

  public void setPodOverrides(PodOverrides podOverrides) {
    this.podOverrides = podOverrides;
  }

  public TaskLimits getLimits() {
    return limits;
  }

  public void setLimits(TaskLimits limits) {
    this.limits = limits;
  }

  public List<LocalObjectReference> getAgentConfigRefs() {
    return agentConfigRefs;
  }

  public void setAgentConfigRefs(List<LocalObjectReference> agentConfigRefs) {
    this.agentConfigRefs = agentConfigRefs;
  }
}

package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** What an agent should do. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self == oldSelf",
    message = "a Task's spec cannot change once created: delete the Task and create a new one")
@ValidationRule(
    value = "!has(self.branch) || has(self.workspaceRef)",
    message = "spec.branch needs spec.workspaceRef: a branch of which repository?")
@ValidationRule(value = AgentPodRules.ONE_DEADLINE, message = AgentPodRules.ONE_DEADLINE_MESSAGE)
@ValidationRule(value = AgentPodRules.NONE_NEEDS_SA, message = AgentPodRules.NONE_NEEDS_SA_MESSAGE)
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

  /** The most dependencies a Task may name: bounds the controller's index and cycle search. */
  public static final int MAX_DEPENDENCIES = 32;

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @Size(max = MAX_DEPENDENCIES)
  @ValidationRule(
      value = "self.all(n, self.exists_one(m, m == n))",
      message = "dependsOn names a Task twice")
  @JsonPropertyDescription(
      "Tasks in the same namespace that must succeed before this one starts (at most 32). Until"
          + " then the Task is Waiting; a failed dependency fails it.")
  private List<@Size(min = 1, max = 63) @Pattern(TaskNames.PATTERN) String> dependsOn;

  @Size(min = 1, max = 200)
  @Pattern(BranchNames.PATTERN)
  @ValidationRule(value = BranchNames.RULE, message = BranchNames.MESSAGE)
  @JsonPropertyDescription(
      "The git branch the agent works on, created from the Workspace's ref when the repository"
          + " does not have it. Tasks sharing a repository and branch run one at a time.")
  private String branch;

  public List<String> getDependsOn() {
    return dependsOn == null ? List.of() : dependsOn;
  }

  public void setDependsOn(List<String> dependsOn) {
    this.dependsOn = dependsOn == null || dependsOn.isEmpty() ? null : new ArrayList<>(dependsOn);
  }

  public String getBranch() {
    return branch;
  }

  public void setBranch(String branch) {
    this.branch = branch;
  }

  @Size(max = 512)
  @Pattern(AgentPodRules.IMAGE_PATTERN)
  @JsonPropertyDescription(
      "The agent's container image, instead of the agent type's default. It must meet"
          + " docs/agent-image-interface.md.")
  private String image;

  @JsonPropertyDescription(
      "What to change about the agent's pod: resources, scheduling, extra env, labels,"
          + " annotations, image pull secrets, service account.")
  private PodOverrides podOverrides;

  @JsonPropertyDescription(
      "What the run may use (turns, cost, duration, output tokens): a limit reached stops the"
          + " agent and saves its work to the branch axon/<task>-wip.")
  private TaskLimits limits;

  @Size(max = 8)
  @JsonPropertyDescription(
      "AgentConfigs applied to the agent, composed in this order (a later one adds to and, for the same MCP server name or file path, replaces an earlier one).")
  private List<LocalObjectReference> agentConfigRefs;

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

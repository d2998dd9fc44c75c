package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** Which GitHub issues of a Workspace's repository become Tasks. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class GitHubIssues {
  /** Issue states the GitHub API filters by. */
  public enum State {
    open,
    closed,
    all
  }

  @Required
  @JsonPropertyDescription(
      "Workspace whose repository is polled; spawned Tasks clone it. Its Secret's GITHUB_TOKEN"
          + " authenticates the polls.")
  private LocalObjectReference workspaceRef;

  @JsonPropertyDescription("Only issues carrying all of these labels.")
  private List<String> labels = new ArrayList<>();

  @JsonPropertyDescription("Skip issues carrying any of these labels.")
  private List<String> excludeLabels = new ArrayList<>();

  @Default("open")
  @JsonPropertyDescription("open, closed or all (default open).")
  private State state = State.open;

  public LocalObjectReference getWorkspaceRef() {
    return workspaceRef;
  }

  public void setWorkspaceRef(LocalObjectReference workspaceRef) {
    this.workspaceRef = workspaceRef;
  }

  public List<String> getLabels() {
    return labels;
  }

  public void setLabels(List<String> labels) {
    this.labels = labels == null ? new ArrayList<>() : labels;
  }

  public List<String> getExcludeLabels() {
    return excludeLabels;
  }

  public void setExcludeLabels(List<String> excludeLabels) {
    this.excludeLabels = excludeLabels == null ? new ArrayList<>() : excludeLabels;
  }

  public State getState() {
    return state;
  }

  public void setState(State state) {
    this.state = state == null ? State.open : state;
  }
}

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

  /** Repository roles an issue's author may need, weakest first (GitHub's names). */
  public enum Permission {
    read,
    triage,
    write,
    maintain,
    admin
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

  @JsonPropertyDescription(
      "Logins whose issues become Tasks whatever their permission on the repository.")
  private List<String> allowedAuthors = new ArrayList<>();

  @JsonPropertyDescription(
      "Permission other authors need on the repository for their issues to become Tasks: read,"
          + " triage, write, maintain or admin (default write, so strangers' issues are skipped).")
  private Permission minimumPermission;

  public List<String> getAllowedAuthors() {
    return allowedAuthors;
  }

  public void setAllowedAuthors(List<String> allowedAuthors) {
    this.allowedAuthors = allowedAuthors == null ? new ArrayList<>() : allowedAuthors;
  }

  public Permission getMinimumPermission() {
    return minimumPermission;
  }

  public void setMinimumPermission(Permission minimumPermission) {
    this.minimumPermission = minimumPermission;
  }

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

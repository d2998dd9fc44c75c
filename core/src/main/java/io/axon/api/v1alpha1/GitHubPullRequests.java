package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** Which pull requests of a Workspace's GitHub repository become Tasks, on the PR's branch. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class GitHubPullRequests {
  /** Review states, as GitHub's latest reviews add up. */
  public enum ReviewState {
    any,
    approved,
    changes_requested,
    none
  }

  @Required
  @JsonPropertyDescription(
      "Workspace whose repository is polled; spawned Tasks clone it and work on the PR's branch.")
  private LocalObjectReference workspaceRef;

  @JsonPropertyDescription("Only pull requests carrying all of these labels.")
  private List<String> labels = new ArrayList<>();

  @JsonPropertyDescription("Skip pull requests carrying any of these labels.")
  private List<String> excludeLabels = new ArrayList<>();

  @Default("open")
  @JsonPropertyDescription("open, closed or all (default open).")
  private GitHubIssues.State state = GitHubIssues.State.open;

  @JsonPropertyDescription("true: drafts only; false: no drafts; unset: both.")
  private Boolean draft;

  @JsonPropertyDescription(
      "any (default), approved, changes_requested (any reviewer's latest review asks for"
          + " changes) or none (no approving or change-requesting review yet).")
  private ReviewState reviewState;

  @JsonPropertyDescription("Only pull requests opened by this login.")
  private String author;

  @JsonPropertyDescription(
      "Logins whose pull requests become Tasks whatever their permission on the repository.")
  private List<String> allowedAuthors = new ArrayList<>();

  @JsonPropertyDescription(
      "Permission other authors need on the repository: read, triage, write (default),"
          + " maintain or admin.")
  private GitHubIssues.Permission minimumPermission;

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

  public GitHubIssues.State getState() {
    return state;
  }

  public void setState(GitHubIssues.State state) {
    this.state = state == null ? GitHubIssues.State.open : state;
  }

  public Boolean getDraft() {
    return draft;
  }

  public void setDraft(Boolean draft) {
    this.draft = draft;
  }

  public ReviewState getReviewState() {
    return reviewState;
  }

  public void setReviewState(ReviewState reviewState) {
    this.reviewState = reviewState;
  }

  public String getAuthor() {
    return author;
  }

  public void setAuthor(String author) {
    this.author = author;
  }

  public List<String> getAllowedAuthors() {
    return allowedAuthors;
  }

  public void setAllowedAuthors(List<String> allowedAuthors) {
    this.allowedAuthors = allowedAuthors == null ? new ArrayList<>() : allowedAuthors;
  }

  public GitHubIssues.Permission getMinimumPermission() {
    return minimumPermission;
  }

  public void setMinimumPermission(GitHubIssues.Permission minimumPermission) {
    this.minimumPermission = minimumPermission;
  }
}

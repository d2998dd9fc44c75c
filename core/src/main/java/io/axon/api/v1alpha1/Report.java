package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How a TaskSpawner reports its Tasks back where their work came from (off unless set). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Report {
  @JsonPropertyDescription(
      "Keep one comment per Task on its issue or pull request, edited as the Task runs and ends"
          + " (branch, pull request, turns, cost, or why it failed). Written with the Workspace"
          + " Secret's GITHUB_TOKEN.")
  private Boolean comment;

  @JsonPropertyDescription(
      "With comment: a new comment for each phase the Task reaches (queued, running, succeeded or"
          + " failed), each edited while its phase lasts, instead of one comment edited throughout.")
  private Boolean commentPerPhase;

  @JsonPropertyDescription(
      "Report each Task of a pull request as a Check Run on the pull request's head commit, with a"
          + " GitHub App's credential.")
  private CheckRunReport checkRun;

  public Boolean getComment() {
    return comment;
  }

  public void setComment(Boolean comment) {
    this.comment = comment;
  }

  public Boolean getCommentPerPhase() {
    return commentPerPhase;
  }

  public void setCommentPerPhase(Boolean commentPerPhase) {
    this.commentPerPhase = commentPerPhase;
  }

  public CheckRunReport getCheckRun() {
    return checkRun;
  }

  public void setCheckRun(CheckRunReport checkRun) {
    this.checkRun = checkRun;
  }
}

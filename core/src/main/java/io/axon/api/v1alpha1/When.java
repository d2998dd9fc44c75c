package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.ValidationRule;

/** The source a TaskSpawner draws work from; exactly one is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.githubIssues)", message = "when must name a source: githubIssues")
public class When {
  private GitHubIssues githubIssues;

  public GitHubIssues getGithubIssues() {
    return githubIssues;
  }

  public void setGithubIssues(GitHubIssues githubIssues) {
    this.githubIssues = githubIssues;
  }
}

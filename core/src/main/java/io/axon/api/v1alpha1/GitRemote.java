package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A git remote added to a Workspace's clone next to origin (an upstream, a fork). */
public class GitRemote {
  @Required
  @Size(min = 1, max = 63)
  @Pattern("^[A-Za-z0-9][A-Za-z0-9._-]*$")
  @ValidationRule(
      value = "self != 'origin'",
      message = "remotes[].name origin is the Workspace's spec.repo: choose another name")
  @JsonPropertyDescription("The remote's name, e.g. upstream.")
  private String name;

  @Required
  @Pattern(WorkspaceSpec.REPO_PATTERN)
  @Size(max = 2048)
  @ValidationRule(
      value = WorkspaceSpec.NO_CREDENTIALS_RULE,
      message =
          "remotes[].url must not hold credentials (user:password@ or token@): only origin gets"
              + " the Workspace's token, from its Secret")
  @JsonPropertyDescription(
      "The remote's URL. Added, not fetched: the agent fetches it when it needs to. The"
          + " Workspace's token is never sent to it.")
  private String url;

  public GitRemote() {}

  public GitRemote(String name, String url) {
    this.name = name;
    this.url = url;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }
}

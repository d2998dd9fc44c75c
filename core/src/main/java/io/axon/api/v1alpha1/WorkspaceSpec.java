package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A git repository that agents work in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkspaceSpec {
  /** HTTPS, git://, ssh:// or scp-like (user@host:path) URLs; no whitespace. */
  public static final String REPO_PATTERN =
      "^(https?://|git://|ssh://|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:)[^\\s]+$";

  /** A branch, tag or commit; never something git would read as an option. */
  public static final String REF_PATTERN = "^[^-\\s][^\\s]*$";

  @Required
  @Pattern(REPO_PATTERN)
  @JsonPropertyDescription("Git repository URL to clone (HTTPS, git:// or SSH).")
  private String repo;

  @Pattern(REF_PATTERN)
  @JsonPropertyDescription(
      "Branch, tag or commit SHA to check out (defaults to the repository's default branch).")
  private String ref;

  @JsonPropertyDescription(
      "Secret whose GITHUB_TOKEN key authenticates git and the gh CLI inside the agent's pod.")
  private LocalObjectReference secretRef;

  public WorkspaceSpec() {}

  public WorkspaceSpec(String repo, String ref) {
    this.repo = repo;
    this.ref = ref;
  }

  public String getRepo() {
    return repo;
  }

  public void setRepo(String repo) {
    this.repo = repo;
  }

  public String getRef() {
    return ref;
  }

  public void setRef(String ref) {
    this.ref = ref;
  }

  public LocalObjectReference getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(LocalObjectReference secretRef) {
    this.secretRef = secretRef;
  }
}

package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** A git repository that agents work in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkspaceSpec {
  /** HTTPS, git://, ssh:// or scp-like (user@host:path) URLs; no whitespace. */
  public static final String REPO_PATTERN =
      "^(https?://|git://|ssh://|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:)[^\\s]+$";

  /**
   * No userinfo in an HTTP(S) or git:// URL, and no password in an ssh:// one ({@code ssh://git@}
   * names the login, not a secret); Pods, Jobs and {@code kubectl get} would show it.
   */
  public static final String NO_CREDENTIALS_RULE =
      "!self.matches('^(?i)(https?|git)://[^/]*@') && !self.matches('^(?i)ssh://[^/@]*:[^/@]*@')";

  /** A branch, tag or commit; never something git would read as an option. */
  public static final String REF_PATTERN = "^[^-\\s][^\\s]*$";

  @Required
  @Pattern(REPO_PATTERN)
  @Size(max = 2048)
  @ValidationRule(
      value = NO_CREDENTIALS_RULE,
      message =
          "spec.repo must not hold credentials (user:password@ or token@): put the token in a"
              + " Secret under the key GITHUB_TOKEN and name that Secret in spec.secretRef")
  @JsonPropertyDescription("Git repository URL to clone (HTTPS, git:// or SSH).")
  private String repo;

  @Pattern(REF_PATTERN)
  @JsonPropertyDescription(
      "Branch, tag or commit SHA to check out (defaults to the repository's default branch).")
  private String ref;

  @JsonPropertyDescription(
      "Secret whose GITHUB_TOKEN key authenticates git and the gh CLI inside the agent's pod.")
  private LocalObjectReference secretRef;

  @JsonPropertyDescription(
      "Send the Secret's token to a plain http:// repository, where anyone on the network path"
          + " can read it (default false: the token goes over https:// only).")
  private Boolean allowTokenOverHTTP;

  @Size(max = WorkspaceFile.MAX_FILES)
  @JsonPropertyDescription(
      "Files written into the repository after the clone, before the agent starts (path relative"
          + " to the repository, content as UTF-8).")
  private List<WorkspaceFile> files;

  @Size(max = 16384)
  @ValidationRule(
      value = "self.matches('[^\\\\s]')",
      message = "spec.setupCommand is only white space: give the command, or leave it out")
  @ValidationRule(
      value = "!self.contains('\\u0000')",
      message = "spec.setupCommand contains a NUL character (\\u0000): remove it")
  @JsonPropertyDescription(
      "A shell command run in the repository (sh -c) after the clone and the files, before the"
          + " agent; its output is in the Task's logs, and its failure fails the Task.")
  private String setupCommand;

  @Size(max = 8)
  @ValidationRule(
      value = "self.all(r, self.exists_one(o, o.name == r.name))",
      message = "spec.remotes: two remotes have the same name")
  @JsonPropertyDescription("More git remotes added to the clone, next to origin.")
  private List<GitRemote> remotes;

  @JsonPropertyDescription(
      "Clone without file contents of past commits (git clone --filter=blob:none; git fetches"
          + " them when needed). Default true; false clones the whole history.")
  private Boolean partialClone;

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

  public Boolean getAllowTokenOverHTTP() {
    return allowTokenOverHTTP;
  }

  public void setAllowTokenOverHTTP(Boolean allowTokenOverHTTP) {
    this.allowTokenOverHTTP = allowTokenOverHTTP;
  }

  public List<WorkspaceFile> getFiles() {
    return files;
  }

  public void setFiles(List<WorkspaceFile> files) {
    this.files = files;
  }

  public String getSetupCommand() {
    return setupCommand;
  }

  public void setSetupCommand(String setupCommand) {
    this.setupCommand = setupCommand;
  }

  public List<GitRemote> getRemotes() {
    return remotes;
  }

  public void setRemotes(List<GitRemote> remotes) {
    this.remotes = remotes;
  }

  public Boolean getPartialClone() {
    return partialClone;
  }

  public void setPartialClone(Boolean partialClone) {
    this.partialClone = partialClone;
  }
}

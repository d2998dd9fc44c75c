package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A file written into the Workspace's repository before the agent starts. */
public class WorkspaceFile {
  /** Each file travels in an environment variable of the setup step (Linux: 128 KiB each). */
  public static final int MAX_CONTENT = 32_768;

  public static final int MAX_FILES = 16;

  /** Relative, inside the repository, not in git's own directory, one line. */
  static final String RELATIVE = "!self.startsWith('/')";

  static final String NO_DOT_DOT = "!self.matches('(^|/)\\\\.\\\\.(/|$)')";

  static final String NOT_GIT_DIR = "!self.matches('(^|/)\\\\.git(/|$)')";

  static final String ONE_LINE = "!self.matches('[\\\\x00-\\\\x1f]')";

  @Required
  @Size(min = 1, max = 1024)
  @ValidationRule(
      value = RELATIVE,
      message = "files[].path must be relative to the repository: no leading /")
  @ValidationRule(
      value = NO_DOT_DOT,
      message = "files[].path must stay inside the repository: no .. segment")
  @ValidationRule(
      value = NOT_GIT_DIR,
      message = "files[].path must not be in git's own .git directory")
  @ValidationRule(
      value = ONE_LINE,
      message = "files[].path must not contain control characters (newline, tab, NUL...)")
  @JsonPropertyDescription("Where, relative to the repository, e.g. .env.test or config/ci.yaml.")
  private String path;

  @Size(max = MAX_CONTENT)
  @ValidationRule(
      value = "!self.contains('\\u0000')",
      message = "files[].content contains a NUL character (\\u0000): only text files")
  @JsonPropertyDescription(
      "The file's text, written byte-exact as UTF-8; at most 32768 characters.")
  private String content;

  public WorkspaceFile() {}

  public WorkspaceFile(String path, String content) {
    this.path = path;
    this.content = content;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public String getContent() {
    return content;
  }

  public void setContent(String content) {
    this.content = content;
  }
}

package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A file written below the agent's HOME: a skill, a plugin, a command. */
public class AgentConfigFile {
  @Required
  @Size(min = 1, max = 1024)
  @ValidationRule(
      value = WorkspaceFile.RELATIVE,
      message = "files[].path must be relative to the agent's HOME: no leading /")
  @ValidationRule(
      value = WorkspaceFile.NO_DOT_DOT,
      message = "files[].path must stay inside the agent's HOME: no .. segment")
  @ValidationRule(
      value = WorkspaceFile.ONE_LINE,
      message = "files[].path must not contain control characters (newline, tab, NUL...)")
  @JsonPropertyDescription("Where, relative to HOME, e.g. .claude/skills/review/SKILL.md.")
  private String path;

  @Size(max = WorkspaceFile.MAX_CONTENT)
  @ValidationRule(
      value = "!self.contains('\\u0000')",
      message = "files[].content contains a NUL character (\\u0000): only text files")
  @JsonPropertyDescription("The file's text, written byte-exact as UTF-8.")
  private String content;

  public AgentConfigFile() {}

  public AgentConfigFile(String path, String content) {
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

package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** What an AgentConfig gives the agent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AgentConfigSpec {
  @Size(max = 65_536)
  @ValidationRule(
      value = "!self.contains('\\u0000')",
      message = "spec.instructions contains a NUL character (\\u0000): remove it")
  @JsonPropertyDescription(
      "Written to the agent's global instructions file: ~/.claude/CLAUDE.md (claude-code),"
          + " ~/.codex/AGENTS.md (codex), ~/.gemini/GEMINI.md (gemini),"
          + " ~/.config/opencode/AGENTS.md (opencode).")
  private String instructions;

  @Size(max = 16)
  @ValidationRule(
      value = "self.all(s, self.exists_one(o, o.name == s.name))",
      message = "spec.mcpServers: two servers have the same name")
  @JsonPropertyDescription("MCP servers the agent may use (stdio or http).")
  private List<McpServer> mcpServers;

  @Size(max = WorkspaceFile.MAX_FILES)
  @JsonPropertyDescription(
      "Files written below the agent's HOME before it starts: skills, plugins, commands (e.g."
          + " .claude/skills/review/SKILL.md).")
  private List<AgentConfigFile> files;

  public String getInstructions() {
    return instructions;
  }

  public void setInstructions(String instructions) {
    this.instructions = instructions;
  }

  public List<McpServer> getMcpServers() {
    return mcpServers;
  }

  public void setMcpServers(List<McpServer> mcpServers) {
    this.mcpServers = mcpServers;
  }

  public List<AgentConfigFile> getFiles() {
    return files;
  }

  public void setFiles(List<AgentConfigFile> files) {
    this.files = files;
  }
}

package io.axon.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.McpServerConfig;
import io.axon.spi.agent.McpValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the Task's MCP servers become {@code [mcp_servers.NAME]} tables of Codex's config. */
class CodexMcpTest {

  private static AgentCommand command(Map<String, String> env, McpServerConfig... servers) {
    return new CodexRuntime(env)
        .command(
            new AgentInvocation(
                "x",
                Optional.empty(),
                "/ws",
                Optional.empty(),
                Optional.empty(),
                List.of(servers)));
  }

  @Test
  void stdioAndHttpServersWithSecretsByNameOnly() {
    AgentCommand command =
        command(
            Map.of("MCP_SECRET_0", "tok", "MCP_SECRET_1", "Bearer abc"),
            McpServerConfig.stdio(
                "fs",
                "node",
                List.of("server.mjs", "a \"quoted\" \\ arg"),
                Map.of(
                    "TOKEN", McpValue.fromVariable("MCP_SECRET_0"),
                    "MODE", McpValue.literal("ro"))),
            McpServerConfig.http(
                "web",
                "https://mcp.example.com/mcp",
                Map.of(
                    "Authorization", McpValue.fromVariable("MCP_SECRET_1"),
                    "X-Team", McpValue.literal("platform"))));

    String toml = command.homeFiles().get(CodexConfig.PATH);
    assertThat(toml)
        .startsWith(CodexConfig.toml("https://api.openai.com/v1"))
        .contains(
            "\n[mcp_servers.fs]\ncommand = \"node\"\n"
                + "args = [\"server.mjs\", \"a \\\"quoted\\\" \\\\ arg\"]\n"
                + "env = { \"MODE\" = \"ro\" }\nenv_vars = [\"TOKEN\"]\n")
        .contains(
            "\n[mcp_servers.web]\nurl = \"https://mcp.example.com/mcp\"\n"
                + "http_headers = { \"X-Team\" = \"platform\" }\n"
                + "env_http_headers = { \"Authorization\" = \"MCP_SECRET_1\" }\n")
        .doesNotContain("tok\"")
        .doesNotContain("Bearer abc");
    // The stdio server's Secret reaches Codex's environment under the name the server reads.
    assertThat(command.env()).containsExactly(Map.entry("TOKEN", "tok"));
  }

  @Test
  void aForwardedNameTheAgentAlreadyHoldsWithAnotherValueIsRefused() {
    McpServerConfig takesPath =
        McpServerConfig.stdio(
            "bad", "node", List.of(), Map.of("PATH", McpValue.fromVariable("MCP_SECRET_0")));
    assertThatThrownBy(
            () -> command(Map.of("PATH", "/usr/bin", "MCP_SECRET_0", "/evil"), takesPath))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MCP server bad, env PATH")
        .hasMessageNotContaining("/evil");
  }

  @Test
  void aLiteralThatReadsLikeAVariableIsWrittenAsItIsForCodexExpandsNothing() {
    String header = "${OPENAI_API_KEY}-$OPENAI_API_KEY-{env:OPENAI_API_KEY}-$$";
    AgentCommand command =
        command(
            Map.of(),
            McpServerConfig.http("web", "https://x/", Map.of("X-Probe", McpValue.literal(header))));

    assertThat(command.homeFiles().get(CodexConfig.PATH))
        .contains("http_headers = { \"X-Probe\" = \"" + header + "\" }\n");
    assertThat(command.env()).isEmpty();
  }

  @Test
  void controlCharactersAreEscapedNotWritten() {
    assertThat(CodexMcp.string("a\nb\u0000\"")).isEqualTo("\"a\\u000Ab\\u0000\\\"\"");
  }

  @Test
  void withoutServersTheConfigIsAsBefore() {
    AgentCommand command = command(Map.of());
    assertThat(command.homeFiles().get(CodexConfig.PATH))
        .isEqualTo(CodexConfig.toml("https://api.openai.com/v1"));
    assertThat(command.env()).isEmpty();
  }
}

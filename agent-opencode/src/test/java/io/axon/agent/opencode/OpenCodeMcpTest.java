package io.axon.agent.opencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.McpServerConfig;
import io.axon.spi.agent.McpValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the Task's MCP servers become the {@code mcp} key of OpenCode's configuration. */
class OpenCodeMcpTest {

  private static AgentCommand command(Map<String, String> env, McpServerConfig... servers) {
    return new OpenCodeRuntime(env)
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
  void localAndRemoteServersWithSecretsAsEnvReferences() throws Exception {
    AgentCommand command =
        command(
            Map.of("MCP_SECRET_0", "tok"),
            McpServerConfig.stdio(
                "fs",
                "node",
                List.of("server.mjs", "--ro"),
                Map.of("TOKEN", McpValue.fromVariable("MCP_SECRET_0"))),
            McpServerConfig.http(
                "web",
                "https://mcp.example.com/mcp",
                Map.of("X-Team", McpValue.literal("platform \"core\""))));

    String file = command.homeFiles().get(OpenCodeConfig.PATH);
    JsonNode config = new ObjectMapper().readTree(file);
    assertThat(config.path("permission").asText()).isEqualTo("allow");
    JsonNode fs = config.path("mcp").path("fs");
    assertThat(fs.path("type").asText()).isEqualTo("local");
    assertThat(fs.path("command").toString()).isEqualTo("[\"node\",\"server.mjs\",\"--ro\"]");
    assertThat(fs.path("environment").path("TOKEN").asText()).isEqualTo("{env:MCP_SECRET_0}");
    assertThat(fs.path("enabled").asBoolean()).isTrue();
    JsonNode web = config.path("mcp").path("web");
    assertThat(web.path("type").asText()).isEqualTo("remote");
    assertThat(web.path("headers").path("X-Team").asText()).isEqualTo("platform \"core\"");
    assertThat(file).doesNotContain("tok\"");
  }

  @Test
  void literalsAreWrittenWithTheirBracesEscapedSoOpenCodeExpandsNothingInThem() throws Exception {
    String header = "{env:ANTHROPIC_API_KEY}\"{file:/etc/shadow}\\";
    AgentCommand command =
        command(
            Map.of(),
            McpServerConfig.stdio("fs", "node", List.of("{file:/etc/shadow}"), Map.of()),
            McpServerConfig.http(
                "web", "https://x/{env:A}", Map.of("X-Probe", McpValue.literal(header))));

    String file = command.homeFiles().get(OpenCodeConfig.PATH);
    assertThat(file).doesNotContain("{env:").doesNotContain("{file:");
    JsonNode mcp = new ObjectMapper().readTree(file).path("mcp");
    assertThat(mcp.path("fs").path("command").get(1).asText()).isEqualTo("{file:/etc/shadow}");
    assertThat(mcp.path("web").path("url").asText()).isEqualTo("https://x/{env:A}");
    assertThat(mcp.path("web").path("headers").path("X-Probe").asText()).isEqualTo(header);
  }

  @Test
  void aSecretOpenCodeWouldExpandOrCouldNotParseIsRefusedWithoutTheValue() {
    assertThatThrownBy(
            () ->
                command(
                    Map.of("MCP_SECRET_0", "a{file:/etc/shadow}"),
                    McpServerConfig.http(
                        "web",
                        "https://x/",
                        Map.of("Authorization", McpValue.fromVariable("MCP_SECRET_0")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MCP server web, headers Authorization: OpenCode would expand")
        .hasMessageNotContaining("shadow");
    assertThatThrownBy(
            () ->
                command(
                    Map.of("MCP_SECRET_0", "to\"k"),
                    McpServerConfig.http(
                        "web",
                        "https://x/",
                        Map.of("Authorization", McpValue.fromVariable("MCP_SECRET_0")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MCP server web, headers Authorization")
        .hasMessageNotContaining("to\"k");
  }
}

package io.axon.agent.gemini;

import static org.assertj.core.api.Assertions.assertThat;

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

/** How the Task's MCP servers become the {@code mcpServers} of Gemini CLI's settings. */
class GeminiMcpTest {

  private static AgentCommand command(McpServerConfig... servers) {
    return new GeminiRuntime()
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
  void stdioAndHttpServersKeepTheQuietSettingsAndNameSecretsAsVariables() throws Exception {
    AgentCommand command =
        command(
            McpServerConfig.stdio(
                "fs",
                "node",
                List.of("server.mjs"),
                Map.of("TOKEN", McpValue.fromVariable("MCP_SECRET_0"))),
            McpServerConfig.http(
                "web",
                "https://mcp.example.com/mcp",
                Map.of("Authorization", McpValue.fromVariable("MCP_SECRET_1"))));

    JsonNode settings =
        new ObjectMapper().readTree(command.homeFiles().get(GeminiRuntime.SETTINGS_PATH));
    assertThat(settings.path("telemetry").path("enabled").asBoolean(true)).isFalse();
    JsonNode fs = settings.path("mcpServers").path("fs");
    assertThat(fs.path("command").asText()).isEqualTo("node");
    assertThat(fs.path("args").get(0).asText()).isEqualTo("server.mjs");
    assertThat(fs.path("env").path("TOKEN").asText()).isEqualTo("${MCP_SECRET_0}");
    JsonNode web = settings.path("mcpServers").path("web");
    assertThat(web.path("type").asText()).isEqualTo("http");
    assertThat(web.path("url").asText()).isEqualTo("https://mcp.example.com/mcp");
    assertThat(web.path("headers").path("Authorization").asText()).isEqualTo("${MCP_SECRET_1}");
    assertThat(command.env()).isEmpty();
  }

  @Test
  void aHeaderLiteralGoesThroughAVariableHoldingItEscapedForTheSecondExpansion() throws Exception {
    AgentCommand command =
        command(
            McpServerConfig.http(
                "web",
                "https://mcp.example.com/mcp",
                Map.of(
                    "X-Probe",
                    McpValue.literal("a${GEMINI_API_KEY}\\$b"),
                    "X-Team",
                    McpValue.literal("platform"))));

    JsonNode headers =
        new ObjectMapper()
            .readTree(command.homeFiles().get(GeminiRuntime.SETTINGS_PATH))
            .path("mcpServers")
            .path("web")
            .path("headers");
    assertThat(headers.path("X-Team").asText()).isEqualTo("platform");
    assertThat(headers.path("X-Probe").asText()).isEqualTo("${MCP_LITERAL_0}");
    assertThat(command.env())
        .containsExactly(Map.entry("MCP_LITERAL_0", "a\\${GEMINI_API_KEY}\\\\$b"));
  }

  @Test
  void aLiteralWithADollarGoesThroughAVariableSoTheCliCannotExpandIt() throws Exception {
    AgentCommand command =
        command(
            McpServerConfig.stdio(
                "fs",
                "node",
                List.of("$HOME/server.mjs"),
                Map.of("PRICE", McpValue.literal("5$"))));

    String file = command.homeFiles().get(GeminiRuntime.SETTINGS_PATH);
    assertThat(file).doesNotContain("$HOME").doesNotContain("5$");
    JsonNode fs = new ObjectMapper().readTree(file).path("mcpServers").path("fs");
    String argVariable = fs.path("args").get(0).asText().replaceAll("^\\$\\{(.*)}$", "$1");
    String envVariable = fs.path("env").path("PRICE").asText().replaceAll("^\\$\\{(.*)}$", "$1");
    assertThat(command.env())
        .containsEntry(argVariable, "$HOME/server.mjs")
        .containsEntry(envVariable, "5\\$")
        .hasSize(2);
    assertThat(argVariable).startsWith(GeminiMcp.LITERAL_VARIABLE_PREFIX);
  }

  @Test
  void aSecretValueWithADollarGoesThroughAnEscapedCopyAndNeverIntoTheFile() throws Exception {
    String secret = "Bearer p$ss-${HOME}";
    AgentCommand command =
        new GeminiRuntime(Map.of("MCP_SECRET_0", secret, "MCP_SECRET_1", "plain-token"))
            .command(
                new AgentInvocation(
                    "x",
                    Optional.empty(),
                    "/ws",
                    Optional.empty(),
                    Optional.empty(),
                    List.of(
                        McpServerConfig.http(
                            "web",
                            "https://mcp.example.com/mcp",
                            Map.of(
                                "Authorization",
                                McpValue.fromVariable("MCP_SECRET_0"),
                                "X-Plain",
                                McpValue.fromVariable("MCP_SECRET_1"))))));

    String file = command.homeFiles().get(GeminiRuntime.SETTINGS_PATH);
    assertThat(file).doesNotContain("p$ss").doesNotContain("plain-token");
    JsonNode headers =
        new ObjectMapper().readTree(file).path("mcpServers").path("web").path("headers");
    assertThat(headers.path("X-Plain").asText()).isEqualTo("${MCP_SECRET_1}");
    assertThat(headers.path("Authorization").asText()).isEqualTo("${MCP_SECRET_ESCAPED_0}");
    assertThat(command.env())
        .containsExactly(Map.entry("MCP_SECRET_ESCAPED_0", "Bearer p\\$ss-\\${HOME}"));
  }
}

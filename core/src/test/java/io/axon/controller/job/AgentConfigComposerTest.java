package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.AgentConfigFile;
import io.axon.api.v1alpha1.AgentConfigSpec;
import io.axon.api.v1alpha1.McpServer;
import io.axon.api.v1alpha1.McpValue;
import io.axon.api.v1alpha1.SecretKeyReference;
import io.axon.controller.FakeAgentRuntime;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.AgentRuntime;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How several AgentConfigs compose, and what they become for each agent type. */
class AgentConfigComposerTest {

  @Test
  void instructionsJoinInOrderAndLaterServersAndFilesReplaceEarlierOnes() throws Exception {
    AgentConfigSpec first = config("First rule.", List.of(http("docs", "https://a.example/mcp")));
    first.setFiles(List.of(new AgentConfigFile(".claude/agents/x.md", "one")));
    AgentConfigSpec second = config("Second rule.", List.of(http("docs", "https://b.example/mcp")));
    second.setFiles(
        List.of(
            new AgentConfigFile(".claude/agents/x.md", "two"),
            new AgentConfigFile(".claude/CLAUDE.md", "ignored: Axon writes the instructions")));

    AgentSetup setup = AgentConfigComposer.compose(runtime("claude-code"), List.of(first, second));

    Map<String, String> files = files(setup);
    assertThat(files).containsEntry(".claude/CLAUDE.md", "First rule.\n\nSecond rule.\n");
    assertThat(files).containsEntry(".claude/agents/x.md", "two");
    JsonObject mcp = new JsonObject(files.get(".claude.json"));
    assertThat(mcp.getJsonObject("mcpServers").fieldNames()).containsExactly("docs");
    assertThat(mcp.getJsonObject("mcpServers").getJsonObject("docs").getString("url"))
        .isEqualTo("https://b.example/mcp");
  }

  @Test
  void secretValuesReachTheFileOnlyAsVariablesTheContainerGetsFromTheSecret() throws Exception {
    McpServer web = http("web", "https://mcp.example.com/mcp");
    web.setHeaders(
        List.of(
            new McpValue("Authorization", null, new SecretKeyReference("mcp", "authorization")),
            new McpValue("X-Team", "platform", null)));
    McpServer local = new McpServer();
    local.setName("fs");
    local.setType("stdio");
    local.setCommand("npx");
    local.setArgs(List.of("-y", "@modelcontextprotocol/server-filesystem", "/workspace/repo"));
    local.setEnv(List.of(new McpValue("API_KEY", null, new SecretKeyReference("fs", "key"))));

    AgentSetup setup =
        AgentConfigComposer.compose(
            runtime("claude-code"), List.of(config(null, List.of(web, local))));

    JsonObject servers =
        new JsonObject(files(setup).get(".claude.json")).getJsonObject("mcpServers");
    assertThat(servers.getJsonObject("web").getJsonObject("headers").getMap())
        .containsExactly(
            Map.entry("Authorization", "${MCP_SECRET_0}"), Map.entry("X-Team", "platform"));
    assertThat(servers.getJsonObject("fs").getString("type")).isEqualTo("stdio");
    assertThat(servers.getJsonObject("fs").getJsonArray("args").getList()).hasSize(3);
    assertThat(servers.getJsonObject("fs").getJsonObject("env").getString("API_KEY"))
        .isEqualTo("${MCP_SECRET_1}");
    assertThat(setup.env())
        .extracting(
            e ->
                e.getName()
                    + "="
                    + e.getValueFrom().getSecretKeyRef().getName()
                    + "/"
                    + e.getValueFrom().getSecretKeyRef().getKey())
        .containsExactly("MCP_SECRET_0=mcp/authorization", "MCP_SECRET_1=fs/key");
    assertThat(files(setup)).doesNotContainKey(".claude/CLAUDE.md");
  }

  @Test
  void eachAgentTypeGetsItsOwnInstructionsFile() throws Exception {
    Map<String, String> expected =
        Map.of(
            "claude-code", ".claude/CLAUDE.md",
            "codex", ".codex/AGENTS.md",
            "gemini", ".gemini/GEMINI.md",
            "opencode", ".config/opencode/AGENTS.md");
    for (var type : expected.entrySet()) {
      AgentSetup setup =
          AgentConfigComposer.compose(runtime(type.getKey()), List.of(config("Rule.", null)));
      assertThat(files(setup)).containsOnlyKeys(type.getValue());
    }
  }

  /** No list in core to extend: a plugin's own answers decide. */
  @Test
  void aThirdPartyRuntimeGetsInstructionsAndServersWhereItsPluginSays() throws Exception {
    AgentRuntime plugin =
        new FakeAgentRuntime("my-agent", "example.com/my-agent:1", "1", "my-agent") {
          @Override
          public Optional<String> instructionsFile() {
            return Optional.of(".my-agent/RULES.md");
          }

          @Override
          public boolean configuresMcpServers() {
            return true;
          }
        };

    AgentSetup setup =
        AgentConfigComposer.compose(
            plugin, List.of(config("Rule.", List.of(http("d", "https://x.example/mcp")))));

    assertThat(files(setup)).containsOnlyKeys(".my-agent/RULES.md");
    assertThat(setup.env())
        .extracting(EnvVar::getName)
        .contains(AgentConfigComposer.MCP_SERVERS_VARIABLE);
  }

  @Test
  void whatAnAgentTypeCannotTakeIsRefusedWithAReason() {
    assertThatThrownBy(
            () ->
                AgentConfigComposer.compose(
                    runtime("my-agent"), List.of(config(null, List.of(http("d", "https://x/"))))))
        .isInstanceOf(AgentConfigComposer.UnsupportedConfigException.class)
        .hasMessageContaining("agent type \"my-agent\" does not take MCP servers");
    assertThatThrownBy(
            () -> AgentConfigComposer.compose(runtime("my-agent"), List.of(config("Rule.", null))))
        .isInstanceOf(AgentConfigComposer.UnsupportedConfigException.class)
        .hasMessageContaining(
            "agent type \"my-agent\" does not say where it reads global instructions");
  }

  @Test
  void codexGeminiAndOpenCodeGetTheirServersInOneVariableWithSecretsOnlyByName() throws Exception {
    McpServer web = http("web", "https://mcp.example.com/mcp");
    web.setHeaders(
        List.of(new McpValue("Authorization", null, new SecretKeyReference("mcp", "auth"))));
    McpServer local = new McpServer();
    local.setName("fs");
    local.setType("stdio");
    local.setCommand("node");
    local.setArgs(List.of("server.mjs", "$HOME"));
    local.setEnv(
        List.of(
            new McpValue("TOKEN", null, new SecretKeyReference("fs", "token")),
            new McpValue("MODE", "read-only", null)));
    for (String type : List.of("codex", "gemini", "opencode")) {
      AgentSetup setup =
          AgentConfigComposer.compose(runtime(type), List.of(config(null, List.of(web, local))));

      assertThat(files(setup)).isEmpty();
      assertThat(setup.env())
          .extracting(EnvVar::getName)
          .containsExactly("MCP_SECRET_0", "MCP_SECRET_1", "AXON_MCP_SERVERS");
      assertThat(setup.env().get(1).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
      JsonArray servers =
          new JsonArray(KubeletExpansion.expand(setup.env().get(2).getValue(), Map.of()));
      assertThat(servers.getJsonObject(0).getMap())
          .containsEntry("name", "web")
          .containsEntry("transport", "HTTP")
          .containsEntry("url", "https://mcp.example.com/mcp");
      assertThat(servers.getJsonObject(0).getJsonObject("headers").encode())
          .isEqualTo("{\"Authorization\":{\"variable\":\"MCP_SECRET_0\"}}");
      assertThat(servers.getJsonObject(1).getMap())
          .containsEntry("name", "fs")
          .containsEntry("transport", "STDIO")
          .containsEntry("command", "node");
      assertThat(servers.getJsonObject(1).getJsonArray("args").getList())
          .containsExactly("server.mjs", "$HOME");
      assertThat(servers.getJsonObject(1).getJsonObject("env").encode())
          .isEqualTo(
              "{\"TOKEN\":{\"variable\":\"MCP_SECRET_1\"},\"MODE\":{\"literal\":\"read-only\"}}");
      assertThat(setup.env().get(2).getValue()).doesNotContain("token\"");
    }
  }

  @Test
  void claudeCodeGetsALiteralWithADollarButNoBraceAsWritten() throws Exception {
    String header = "$(MCP_SECRET_0)-$$-$HOME-$";
    McpServer web = http("web", "https://mcp.example.com/mcp?q=$1");
    web.setHeaders(List.of(new McpValue("X-Probe", header, null)));

    AgentSetup setup =
        AgentConfigComposer.compose(runtime("claude-code"), List.of(config(null, List.of(web))));

    JsonObject servers =
        new JsonObject(files(setup).get(".claude.json")).getJsonObject("mcpServers");
    assertThat(servers.getJsonObject("web").getString("url"))
        .isEqualTo("https://mcp.example.com/mcp?q=$1");
    assertThat(servers.getJsonObject("web").getJsonObject("headers").getString("X-Probe"))
        .isEqualTo(header);
    assertThat(setup.env()).isEmpty();
  }

  @Test
  void claudeCodeRefusesALiteralItWouldExpandNamingWhereButNotTheValue() {
    McpServer web = http("web", "https://mcp.example.com/mcp");
    web.setHeaders(List.of(new McpValue("X-Probe", "abc${ANTHROPIC_API_KEY}", null)));
    McpServer local = new McpServer();
    local.setName("fs");
    local.setType("stdio");
    local.setCommand("node");
    local.setArgs(List.of("server.mjs", "${HOME}/data"));

    assertThatThrownBy(
            () ->
                AgentConfigComposer.compose(
                    runtime("claude-code"), List.of(config(null, List.of(web)))))
        .isInstanceOf(AgentConfigComposer.UnsupportedConfigException.class)
        .hasMessage(
            "AgentConfig mcpServers: server \"web\", headers X-Probe: Claude Code replaces ${...} in it with its own environment variables and has no escape for it, so the value would not reach the server as written")
        .hasMessageNotContaining("abc");
    assertThatThrownBy(
            () ->
                AgentConfigComposer.compose(
                    runtime("claude-code"), List.of(config(null, List.of(local)))))
        .isInstanceOf(AgentConfigComposer.UnsupportedConfigException.class)
        .hasMessageContaining("server \"fs\", args: Claude Code replaces ${...}");
  }

  @Test
  void thePluginsVariableReachesThemAsWrittenThroughTheKubelet() throws Exception {
    String header = "$(MCP_SECRET_0)$$${OPENAI_API_KEY}{env:X}";
    McpServer web = http("web", "https://mcp.example.com/mcp");
    web.setHeaders(
        List.of(
            new McpValue("Authorization", null, new SecretKeyReference("mcp", "auth")),
            new McpValue("X-Probe", header, null)));

    AgentSetup setup =
        AgentConfigComposer.compose(runtime("codex"), List.of(config(null, List.of(web))));

    String value =
        KubeletExpansion.expand(setup.env().get(1).getValue(), Map.of("MCP_SECRET_0", "s3cret"));
    assertThat(
            new JsonArray(value)
                .getJsonObject(0)
                .getJsonObject("headers")
                .getJsonObject("X-Probe")
                .getString("literal"))
        .isEqualTo(header);
  }

  @Test
  void noConfigsAddNothing() throws Exception {
    assertThat(AgentConfigComposer.compose(runtime("claude-code"), List.of()))
        .isEqualTo(AgentSetup.NONE);
  }

  private static AgentConfigSpec config(String instructions, List<McpServer> servers) {
    AgentConfigSpec spec = new AgentConfigSpec();
    spec.setInstructions(instructions);
    spec.setMcpServers(servers);
    return spec;
  }

  private static McpServer http(String name, String url) {
    McpServer server = new McpServer();
    server.setName(name);
    server.setType("http");
    server.setUrl(url);
    return server;
  }

  private static Map<String, String> files(AgentSetup setup) {
    return setup.homeFiles().stream()
        .collect(Collectors.toMap(AgentSetup.HomeFile::path, AgentSetup.HomeFile::content));
  }

  /**
   * A shipped plugin's runtime, as the controller finds it; "my-agent" is one that says nothing.
   */
  private static AgentRuntime runtime(String type) {
    return AgentRegistry.load()
        .find(type)
        .orElseGet(
            () ->
                new FakeAgentRuntime(type, "example.com/my-agent:1", "1", "my-agent") {
                  @Override
                  public Optional<String> instructionsFile() {
                    return Optional.empty();
                  }
                });
  }
}

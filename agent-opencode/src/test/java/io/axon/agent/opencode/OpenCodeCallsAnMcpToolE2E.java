package io.axon.agent.opencode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.spi.agent.McpServerConfig;
import io.axon.spi.agent.McpValue;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stdio MCP server given to the opencode entrypoint in {@code AXON_MCP_SERVERS} is started by the
 * genuine OpenCode CLI with its Secret (by variable, as the kubelet sets it), its tool is offered
 * to the scripted model, and the model's call to it returns the server's answer to the model.
 */
class OpenCodeCallsAnMcpToolE2E {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ANSWER = "probe-answer-7f3a: the whoami tool ran";

  @TempDir Path tmp;

  @Test
  void theModelCallsTheMcpToolAndGetsItsResult() throws Exception {
    assertThat(OpenCodeEntrypointProcess.JAR).as("run `mvn package` first").exists();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    Path probe = tmp.resolve("probe-server.mjs");
    try (InputStream in = getClass().getResourceAsStream("/mcp/probe-server.mjs")) {
      Files.write(probe, in.readAllBytes());
    }
    Path received = tmp.resolve("token-received");
    String servers =
        JSON.writeValueAsString(
            List.of(
                McpServerConfig.stdio(
                    "probe",
                    "node",
                    List.of(probe.toString(), received.toString()),
                    Map.of("TOKEN", McpValue.fromVariable("MCP_SECRET_0")))));

    // Calls the tool by the name the CLI offered it under; says so when it was not offered.
    ScriptedAnthropicServer.Script script =
        (turn, request) -> {
          if (turn > 0) {
            return ModelReply.say("The probe answered.");
          }
          return whoamiTool(request)
              .<ModelReply>map(
                  name -> ModelReply.message(new ModelReply.ToolUseBlock(name, Map.of())))
              .orElse(ModelReply.say("No whoami tool was offered."));
        };
    try (ScriptedAnthropicServer model = ScriptedAnthropicServer.start(script)) {
      OpenCodeEntrypointProcess.Outcome run =
          new OpenCodeEntrypointProcess(tmp, repo.dir(), model.baseUrl(), "Ask the probe who.")
              .with("AXON_MCP_SERVERS", servers)
              .with("MCP_SECRET_0", "s3cret-value")
              .run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      List<JsonNode> bodies =
          model.requests().stream()
              .map(ScriptedAnthropicServer.Request::body)
              .filter(b -> b.path("messages").size() > 0)
              .toList();
      assertThat(bodies).as(run.stdout()).isNotEmpty();
      assertThat(whoamiTool(bodies.get(0))).as(run.stdout()).isPresent();
      assertThat(bodies.get(bodies.size() - 1).toString()).as(run.stdout()).contains(ANSWER);
      assertThat(received).hasContent("s3cret-value");
      assertThat(Files.readString(tmp.resolve("home/.config/opencode/opencode.json")))
          .contains("{env:MCP_SECRET_0}")
          .doesNotContain("s3cret-value");
      assertThat(run.stdout() + run.stderr()).doesNotContain("s3cret-value");
    }
  }

  private static Optional<String> whoamiTool(JsonNode request) {
    return StreamSupport.stream(request.path("tools").spliterator(), false)
        .map(tool -> tool.path("name").asText())
        .filter(name -> name.endsWith("whoami"))
        .findFirst();
  }
}

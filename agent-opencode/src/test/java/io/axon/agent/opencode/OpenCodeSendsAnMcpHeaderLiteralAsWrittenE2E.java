package io.axon.agent.opencode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.agent.testing.ScriptedMcpServer;
import io.axon.spi.agent.McpServerConfig;
import io.axon.spi.agent.McpValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A literal MCP header written like the agent's variables ({@code ANTHROPIC_API_KEY}, the other
 * header's Secret variable, in each syntax a CLI expands), given to the entrypoint in {@code
 * AXON_MCP_SERVERS}, reaches the server from the genuine OpenCode CLI exactly as written, and
 * neither the pod's API key nor the Secret reaches it in its place.
 */
class OpenCodeSendsAnMcpHeaderLiteralAsWrittenE2E {
  private static final String SECRET = "mcp-http-s3cret-4b7e";
  private static final String AUTHORIZATION = "Bearer " + SECRET;
  private static final String API_KEY = "pod-api-key-7c2e";
  private static final String LITERAL =
      "abc${ANTHROPIC_API_KEY}-$ANTHROPIC_API_KEY-${MCP_SECRET_0}-$MCP_SECRET_0-{env:ANTHROPIC_API_KEY}-{env:MCP_SECRET_0}-{file:/etc/hostname}-\"q\\-$$";

  @TempDir Path tmp;

  @Test
  void theServerGetsTheLiteralAsWrittenAndNoKey() throws Exception {
    assertThat(OpenCodeEntrypointProcess.JAR).as("run `mvn package` first").exists();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
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
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        ScriptedAnthropicServer model = ScriptedAnthropicServer.start(script)) {
      String servers =
          new ObjectMapper()
              .writeValueAsString(
                  List.of(
                      McpServerConfig.http(
                          "probe",
                          mcp.url(),
                          Map.of(
                              "Authorization",
                              McpValue.fromVariable("MCP_SECRET_0"),
                              "X-Probe",
                              McpValue.literal(LITERAL)))));
      OpenCodeEntrypointProcess.Outcome run =
          new OpenCodeEntrypointProcess(tmp, repo.dir(), model.baseUrl(), "Ask the probe who.")
              .with("AXON_MCP_SERVERS", servers)
              .with("MCP_SECRET_0", AUTHORIZATION)
              .with("ANTHROPIC_API_KEY", API_KEY)
              .run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(mcp.servedMethods()).as(run.stdout()).contains("initialize", "tools/call");
      assertThat(mcp.requests())
          .as("every request to the MCP server carries the Secret's header")
          .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(AUTHORIZATION));
      assertThat(mcp.requests())
          .as("every request to the MCP server carries the literal as written")
          .allSatisfy(r -> assertThat(r.header("X-Probe")).isEqualTo(LITERAL));
      assertThat(mcp.requests())
          .as("no header of any request holds the pod's API key")
          .allSatisfy(
              r ->
                  assertThat(r.headers().values().stream().flatMap(List::stream))
                      .noneMatch(v -> v.contains(API_KEY)));
      List<JsonNode> bodies =
          model.requests().stream()
              .map(ScriptedAnthropicServer.Request::body)
              .filter(b -> b.path("messages").size() > 0)
              .toList();
      assertThat(bodies.get(bodies.size() - 1).toString())
          .as(run.stdout())
          .contains(ScriptedMcpServer.ANSWER);
      assertThat(run.summary().message()).isEqualTo("The probe answered.");
      assertThat(run.stdout()).doesNotContain(SECRET);
      assertThat(run.stderr()).doesNotContain(SECRET);
      assertThat(Files.readString(run.resultPath())).doesNotContain(SECRET);
      assertThat(Files.readString(tmp.resolve("home/.config/opencode/opencode.json")))
          .contains("{env:MCP_SECRET_0}")
          .doesNotContain(SECRET);
    }
  }

  private static Optional<String> whoamiTool(JsonNode request) {
    return StreamSupport.stream(request.path("tools").spliterator(), false)
        .map(tool -> tool.path("name").asText())
        .filter(name -> name.endsWith(ScriptedMcpServer.TOOL))
        .findFirst();
  }
}

package io.axon.agent.entrypoint;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.agent.testing.ScriptedMcpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP MCP server in Claude Code's {@code .claude.json}, its Authorization header named there as
 * {@code ${MCP_SECRET_0}} (as the controller writes it, the Secret in that variable as the kubelet
 * sets it), is called by the genuine CLI through the entrypoint with the Secret's value as the
 * header, its tool's result reaches the scripted model, and the value is in no output.
 */
class ClaudeCodeCallsAnHttpMcpToolE2E {
  private static final String SECRET = "mcp-http-s3cret-4b7e";
  private static final String AUTHORIZATION = "Bearer " + SECRET;
  private static final Pattern DEFERRED_TOOL =
      Pattern.compile("mcp__probe__" + ScriptedMcpServer.TOOL);

  @TempDir Path tmp;

  @Test
  void theCliCallsTheHttpToolWithTheSecretHeader() throws Exception {
    assertThat(EntrypointProcess.exists()).as("run `mvn package` first").isTrue();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        ScriptedAnthropicServer model = ScriptedAnthropicServer.start(callTheTool())) {
      EntrypointProcess entrypoint =
          new EntrypointProcess(tmp, repo.dir(), model.baseUrl(), "Ask the probe who.");
      // What AgentConfigComposer writes for an http server whose header is from a Secret.
      Path config = tmp.resolve("home/.claude.json");
      Files.writeString(
          config,
          """
          {"mcpServers": {"probe": {"type": "http", "url": "%s",
            "headers": {"Authorization": "${MCP_SECRET_0}"}}}}
          """
              .formatted(mcp.url()));
      EntrypointProcess.Outcome run = entrypoint.with("MCP_SECRET_0", AUTHORIZATION).run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(mcp.servedMethods()).as(run.stdout()).contains("initialize", "tools/call");
      assertThat(mcp.requests())
          .as("every request to the MCP server carries the Secret's header")
          .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(AUTHORIZATION));
      List<JsonNode> bodies =
          model.requests().stream()
              .map(ScriptedAnthropicServer.Request::body)
              .filter(b -> b.toString().contains("Ask the probe who."))
              .toList();
      assertThat(bodies.get(bodies.size() - 1).toString())
          .as(run.stdout())
          .contains(ScriptedMcpServer.ANSWER);
      assertThat(run.summary().message()).isEqualTo("The probe answered.");
      assertThat(run.stdout()).doesNotContain(SECRET);
      assertThat(run.stderr()).doesNotContain(SECRET);
      assertThat(Files.readString(run.resultPath())).doesNotContain(SECRET);
      assertThat(Files.readString(config)).doesNotContain(SECRET);
    }
  }

  /**
   * Calls the tool as a model would: by the name the CLI offers it under, first loading it with the
   * CLI's ToolSearch when it is offered as a deferred tool (named in a system reminder); waits a
   * turn or two for a server still connecting, and ends when the tool's result is back.
   */
  private static ScriptedAnthropicServer.Script callTheTool() {
    return (turn, request) -> {
      String text = request.toString();
      if (text.contains(ScriptedMcpServer.ANSWER)) {
        return say("The probe answered.");
      }
      Optional<String> offered = offered(request);
      Matcher deferred = DEFERRED_TOOL.matcher(text);
      if (offered.isPresent()) {
        return call(offered.get(), Map.of());
      } else if (deferred.find()) {
        return text.contains("\"name\":\"ToolSearch\",\"input\"")
            ? call(deferred.group(), Map.of())
            : call("ToolSearch", Map.of("query", "select:" + deferred.group(), "max_results", 1));
      }
      return turn < 3 ? message(bash("sleep 2")) : say("No whoami tool was offered.");
    };
  }

  private static ModelReply call(String tool, Map<String, Object> input) {
    return message(new ModelReply.ToolUseBlock(tool, input));
  }

  /** The tool's name in a full schema of the request's {@code tools}, not deferred. */
  private static Optional<String> offered(JsonNode request) {
    return StreamSupport.stream(request.path("tools").spliterator(), false)
        .filter(tool -> !tool.path("defer_loading").asBoolean(false))
        .map(tool -> tool.path("name").asText())
        .filter(name -> name.endsWith("__" + ScriptedMcpServer.TOOL))
        .findFirst();
  }
}

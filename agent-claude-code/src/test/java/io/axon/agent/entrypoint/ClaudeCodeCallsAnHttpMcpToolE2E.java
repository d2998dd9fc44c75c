package io.axon.agent.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.McpToolCallScript;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.agent.testing.ScriptedMcpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @TempDir Path tmp;

  @Test
  void theCliCallsTheHttpToolWithTheSecretHeader() throws Exception {
    assertThat(EntrypointProcess.exists()).as("run `mvn package` first").isTrue();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(McpToolCallScript.calling("probe"))) {
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
      assertThat(run.summary().message()).isEqualTo(McpToolCallScript.DONE);
      assertThat(run.stdout()).doesNotContain(SECRET);
      assertThat(run.stderr()).doesNotContain(SECRET);
      assertThat(Files.readString(run.resultPath())).doesNotContain(SECRET);
      assertThat(Files.readString(config)).doesNotContain(SECRET);
    }
  }
}

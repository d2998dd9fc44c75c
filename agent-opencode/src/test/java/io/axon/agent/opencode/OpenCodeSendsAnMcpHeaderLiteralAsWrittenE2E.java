package io.axon.agent.opencode;

import static io.axon.agent.testing.McpRequestChecks.assertEveryRequestCarries;
import static io.axon.agent.testing.McpRequestChecks.assertNoHeaderHoldsTheApiKey;
import static io.axon.agent.testing.ProbeMcpHeaders.AUTHORIZATION;
import static io.axon.agent.testing.ProbeMcpHeaders.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.axon.agent.opencode.testing.OfferedToolScript;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ProbeMcpHeaders;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.agent.testing.ScriptedMcpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A literal MCP header written like the agent's variables ({@code ANTHROPIC_API_KEY}, the other
 * header's Secret variable, in each syntax a CLI expands), given to the entrypoint in {@code
 * AXON_MCP_SERVERS}, reaches the server from the genuine OpenCode CLI exactly as written, and
 * neither the pod's API key nor the Secret reaches it in its place.
 */
class OpenCodeSendsAnMcpHeaderLiteralAsWrittenE2E {
  private static final String API_KEY = "pod-api-key-7c2e";
  private static final String LITERAL =
      "abc${ANTHROPIC_API_KEY}-$ANTHROPIC_API_KEY-${MCP_SECRET_0}-$MCP_SECRET_0-{env:ANTHROPIC_API_KEY}-{env:MCP_SECRET_0}-{file:/etc/hostname}-\"q\\-$$";

  @TempDir Path tmp;

  @Test
  void theServerGetsTheLiteralAsWrittenAndNoKey() throws Exception {
    assertThat(OpenCodeEntrypointProcess.JAR).as("run `mvn package` first").exists();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(OfferedToolScript.callingTheProbe())) {
      String servers = ProbeMcpHeaders.serversVariable(mcp.url(), LITERAL);
      OpenCodeEntrypointProcess.Outcome run =
          new OpenCodeEntrypointProcess(tmp, repo.dir(), model.baseUrl(), "Ask the probe who.")
              .with("AXON_MCP_SERVERS", servers)
              .with(ProbeMcpHeaders.SECRET_VARIABLE, AUTHORIZATION)
              .with("ANTHROPIC_API_KEY", API_KEY)
              .run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(mcp.servedMethods()).as(run.stdout()).contains("initialize", "tools/call");
      assertEveryRequestCarries(mcp, "Authorization", AUTHORIZATION);
      assertEveryRequestCarries(mcp, "X-Probe", LITERAL);
      assertNoHeaderHoldsTheApiKey(mcp, API_KEY);
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
}

package io.axon.controller.job;

import static io.axon.agent.testing.McpRequestChecks.assertEveryRequestCarries;
import static io.axon.agent.testing.McpRequestChecks.assertNoHeaderHoldsTheApiKey;
import static io.axon.agent.testing.ProbeMcpHeaders.AUTHORIZATION;
import static io.axon.agent.testing.ProbeMcpHeaders.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.McpToolCallScript;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.agent.testing.ScriptedMcpServer;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AgentConfig's literal MCP header full of {@code $} that reads like the pod's variables ({@code
 * $(HOME)}, {@code $(ANTHROPIC_API_KEY)}, {@code $ANTHROPIC_API_KEY}, {@code $$}), composed into
 * the Job and written by the pod's real setup step, reaches the server from the genuine Claude Code
 * CLI exactly as written, with neither the pod's API key nor the other header's Secret in its
 * place.
 */
class AnMcpHeaderLiteralReachesClaudeCodeAsWrittenE2E {
  private static final String API_KEY = "sk-ant-pod-key-9d3f";
  private static final String LITERAL =
      "abc$(HOME)-$(ANTHROPIC_API_KEY)-$(MCP_SECRET_0)-$ANTHROPIC_API_KEY-$$-$";

  @TempDir Path tmp;

  @Test
  void theServerGetsTheLiteralAsWrittenAndNoKey() throws Exception {
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(McpToolCallScript.calling("probe"))) {
      PodSpec pod =
          ProbeMcpServerJob.podSpec(
              "literal-mcp",
              "claude-code",
              Fixtures.claudeLike(),
              mcp.url(),
              ProbeMcpServerJob.authorizationFromSecret(),
              ProbeMcpServerJob.literalHeader(LITERAL));
      Path home = Files.createDirectories(tmp.resolve("home"));
      Path workspace = Files.createDirectories(tmp.resolve("workspace"));
      PodSetupRun.runSetupStep(pod, home, workspace);
      Map<String, String> variables = ProbeMcpServerJob.secretVariables(pod);
      assertThat(variables).hasSize(1);

      String output =
          ClaudeCodeCliRun.run(
              "Ask the probe who.", 6, home, workspace, model.baseUrl(), API_KEY, variables);

      assertThat(mcp.servedMethods()).as(output).contains("initialize", "tools/call");
      assertEveryRequestCarries(mcp, "X-Probe", LITERAL);
      assertNoHeaderHoldsTheApiKey(mcp, API_KEY);
      assertThat(output).contains(McpToolCallScript.DONE).doesNotContain(SECRET);
      assertThat(Files.readString(home.resolve(".claude.json"))).doesNotContain(SECRET);
    }
  }
}

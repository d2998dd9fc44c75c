package io.axon.controller.job;

import static io.axon.agent.testing.McpRequestChecks.assertEveryRequestCarries;
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
 * An AgentConfig's http MCP server, its Authorization header from a Secret, composed into the Job
 * and written by the pod's real setup step, is called by the genuine Claude Code CLI with the
 * Secret's value (passed as the kubelet would, by the variable the Job names) as the header.
 */
class AnHttpMcpServerReachesClaudeCodeE2E {

  @TempDir Path tmp;

  @Test
  void theCliCallsTheServerWithTheSecretsHeader() throws Exception {
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(McpToolCallScript.calling("probe"))) {
      PodSpec pod =
          ProbeMcpServerJob.podSpec(
              "http-mcp",
              "claude-code",
              Fixtures.claudeLike(),
              mcp.url(),
              ProbeMcpServerJob.authorizationFromSecret());
      Path home = Files.createDirectories(tmp.resolve("home"));
      Path workspace = Files.createDirectories(tmp.resolve("workspace"));
      PodSetupRun.runSetupStep(pod, home, workspace);
      Map<String, String> secrets = ProbeMcpServerJob.secretVariables(pod);
      assertThat(secrets).hasSize(1);

      String output =
          ClaudeCodeCliRun.run(
              "Ask the probe who.", 6, home, workspace, model.baseUrl(), "sk-ant-test", secrets);

      assertThat(mcp.servedMethods()).as(output).contains("initialize", "tools/call");
      assertEveryRequestCarries(mcp, "Authorization", AUTHORIZATION);
      assertThat(output).contains(McpToolCallScript.DONE).doesNotContain(SECRET);
      assertThat(Files.readString(home.resolve(".claude.json")))
          .contains("${MCP_SECRET_0}")
          .doesNotContain(SECRET);
    }
  }
}

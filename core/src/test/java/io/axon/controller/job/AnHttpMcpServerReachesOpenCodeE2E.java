package io.axon.controller.job;

import static io.axon.agent.testing.McpRequestChecks.assertEveryRequestCarries;
import static io.axon.agent.testing.McpRequestChecks.assertNoHeaderHoldsTheApiKey;
import static io.axon.agent.testing.ProbeMcpHeaders.AUTHORIZATION;
import static io.axon.agent.testing.ProbeMcpHeaders.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.opencode.OpenCodeRuntime;
import io.axon.agent.opencode.testing.OfferedToolScript;
import io.axon.agent.opencode.testing.OpenCodeCli;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.agent.testing.ScriptedMcpServer;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An AgentConfig's http MCP server, its Authorization header from a Secret and a literal header
 * that reads like variables, composed into the Job's {@code AXON_MCP_SERVERS} (as the kubelet sets
 * it) and given to the real opencode entrypoint, is called by the genuine OpenCode CLI with both
 * headers as written.
 */
class AnHttpMcpServerReachesOpenCodeE2E {
  private static final String API_KEY = "pod-api-key-7c2e";
  private static final String LITERAL =
      "abc{env:ANTHROPIC_API_KEY}-{file:/etc/hostname}-$(MCP_SECRET_0)-$(HOME)-$$-${ANTHROPIC_API_KEY}-\"q\\";

  @TempDir Path tmp;

  @Test
  void theCliCallsTheServerWithTheSecretsHeaderAndTheLiteralAsWritten() throws Exception {
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(OfferedToolScript.callingTheProbe())) {
      PodSpec pod =
          ProbeMcpServerJob.podSpec(
              "opencode-mcp",
              "opencode",
              new OpenCodeRuntime(),
              mcp.url(),
              ProbeMcpServerJob.authorizationFromSecret(),
              ProbeMcpServerJob.literalHeader(LITERAL));

      EntrypointJarRun.Outcome run =
          ProbeMcpServerJob.runEntrypoint(
              tmp,
              pod,
              "opencode",
              "claude-sonnet-4-5",
              OpenCodeCli.executable(),
              Map.of("ANTHROPIC_BASE_URL", model.baseUrl(), "ANTHROPIC_API_KEY", API_KEY));

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(mcp.servedMethods()).as(run.stderr()).contains("initialize", "tools/call");
      assertEveryRequestCarries(mcp, "Authorization", AUTHORIZATION);
      assertEveryRequestCarries(mcp, "X-Probe", LITERAL);
      assertNoHeaderHoldsTheApiKey(mcp, API_KEY);
      assertThat(run.stdout()).doesNotContain(SECRET);
      assertThat(run.stderr()).doesNotContain(SECRET);
      assertThat(Files.readString(tmp.resolve("home/.config/opencode/opencode.json")))
          .doesNotContain(SECRET);
    }
  }
}

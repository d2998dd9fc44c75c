package io.axon.controller.job;

import static io.axon.agent.gemini.testing.ScriptedGeminiServer.call;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.respond;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.say;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.shell;
import static io.axon.agent.testing.McpRequestChecks.assertEveryRequestCarries;
import static io.axon.agent.testing.McpRequestChecks.assertNoHeaderHoldsTheApiKey;
import static io.axon.agent.testing.ProbeMcpHeaders.AUTHORIZATION;
import static io.axon.agent.testing.ProbeMcpHeaders.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.gemini.GeminiRuntime;
import io.axon.agent.gemini.testing.GeminiCli;
import io.axon.agent.gemini.testing.ScriptedGeminiServer;
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
 * it) and given to the real gemini entrypoint, is called by the genuine Gemini CLI with both
 * headers as written.
 */
class AnHttpMcpServerReachesGeminiE2E {
  private static final String API_KEY = "pod-api-key-7c2e";
  private static final String LITERAL =
      "abc${GEMINI_API_KEY}-$GEMINI_API_KEY-$(MCP_SECRET_0)-$(HOME)-$$-\\$X-{env:GEMINI_API_KEY}";

  @TempDir Path tmp;

  @Test
  void theCliCallsTheServerWithTheSecretsHeaderAndTheLiteralAsWritten() throws Exception {
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        // A first turn that takes a moment, so a server still connecting is listed by the second.
        ScriptedGeminiServer model =
            ScriptedGeminiServer.start(
                respond(shell("sleep 2")),
                respond(call("mcp_probe_" + ScriptedMcpServer.TOOL, "{}")),
                say("The probe answered."))) {
      PodSpec pod =
          ProbeMcpServerJob.podSpec(
              "gemini-mcp",
              "gemini",
              new GeminiRuntime(),
              mcp.url(),
              ProbeMcpServerJob.authorizationFromSecret(),
              ProbeMcpServerJob.literalHeader(LITERAL));

      EntrypointJarRun.Outcome run =
          ProbeMcpServerJob.runEntrypoint(
              tmp,
              pod,
              "gemini",
              "gemini-2.5-pro",
              GeminiCli.executable(),
              Map.of("GOOGLE_GEMINI_BASE_URL", model.baseUrl(), "GEMINI_API_KEY", API_KEY));

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(mcp.servedMethods()).as(run.stderr()).contains("initialize", "tools/call");
      assertEveryRequestCarries(mcp, "Authorization", AUTHORIZATION);
      assertEveryRequestCarries(mcp, "X-Probe", LITERAL);
      assertNoHeaderHoldsTheApiKey(mcp, API_KEY);
      assertThat(run.stdout()).doesNotContain(SECRET);
      assertThat(run.stderr()).doesNotContain(SECRET);
      assertThat(Files.readString(tmp.resolve("home/.gemini/settings.json")))
          .doesNotContain(SECRET);
    }
  }
}

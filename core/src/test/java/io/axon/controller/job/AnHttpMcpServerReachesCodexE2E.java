package io.axon.controller.job;

import static io.axon.agent.codex.testing.ScriptedOpenAiServer.call;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.exec;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.respond;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.say;
import static io.axon.agent.testing.McpRequestChecks.assertEveryRequestCarries;
import static io.axon.agent.testing.McpRequestChecks.assertNoHeaderHoldsTheApiKey;
import static io.axon.agent.testing.ProbeMcpHeaders.AUTHORIZATION;
import static io.axon.agent.testing.ProbeMcpHeaders.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.codex.CodexRuntime;
import io.axon.agent.codex.testing.CodexCli;
import io.axon.agent.codex.testing.ScriptedOpenAiServer;
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
 * it) and given to the real codex entrypoint, is called by the genuine Codex CLI with both headers
 * as written.
 */
class AnHttpMcpServerReachesCodexE2E {
  private static final String API_KEY = "pod-api-key-7c2e";
  private static final String LITERAL =
      "abc${OPENAI_API_KEY}-$(MCP_SECRET_0)-$(HOME)-$$-{env:OPENAI_API_KEY}-\"q\\";

  @TempDir Path tmp;

  @Test
  void theCliCallsTheServerWithTheSecretsHeaderAndTheLiteralAsWritten() throws Exception {
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        // A first turn that takes a moment, so a server still connecting is listed by the second.
        ScriptedOpenAiServer model =
            ScriptedOpenAiServer.start(
                respond(exec("sleep 2")),
                respond(call("mcp__probe", ScriptedMcpServer.TOOL, "{}")),
                say("The probe answered."))) {
      PodSpec pod =
          ProbeMcpServerJob.podSpec(
              "codex-mcp",
              "codex",
              new CodexRuntime(),
              mcp.url(),
              ProbeMcpServerJob.authorizationFromSecret(),
              ProbeMcpServerJob.literalHeader(LITERAL));

      // A model Codex has no catalogue entry for: for catalogued ones it defers MCP tools.
      EntrypointJarRun.Outcome run =
          ProbeMcpServerJob.runEntrypoint(
              tmp,
              pod,
              "codex",
              "axon-test-model",
              CodexCli.executable(),
              Map.of("OPENAI_BASE_URL", model.baseUrl(), "OPENAI_API_KEY", API_KEY));

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(mcp.servedMethods()).as(run.stderr()).contains("initialize", "tools/call");
      assertEveryRequestCarries(mcp, "Authorization", AUTHORIZATION);
      assertEveryRequestCarries(mcp, "X-Probe", LITERAL);
      assertNoHeaderHoldsTheApiKey(mcp, API_KEY);
      assertThat(run.stdout()).doesNotContain(SECRET);
      assertThat(run.stderr()).doesNotContain(SECRET);
      assertThat(Files.readString(tmp.resolve("home/.codex/config.toml"))).doesNotContain(SECRET);
    }
  }
}

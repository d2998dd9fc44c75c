package io.axon.agent.gemini;

import static io.axon.agent.gemini.testing.ScriptedGeminiServer.call;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.respond;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.say;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.shell;
import static io.axon.agent.testing.McpRequestChecks.assertEveryRequestCarries;
import static io.axon.agent.testing.McpRequestChecks.assertNoHeaderHoldsTheApiKey;
import static io.axon.agent.testing.ProbeMcpHeaders.AUTHORIZATION;
import static io.axon.agent.testing.ProbeMcpHeaders.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.gemini.testing.ScriptedGeminiServer;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ProbeMcpHeaders;
import io.axon.agent.testing.ScriptedMcpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A literal MCP header written like the agent's variables ({@code GEMINI_API_KEY}, the other
 * header's Secret variable, in each syntax a CLI expands), given to the entrypoint in {@code
 * AXON_MCP_SERVERS}, reaches the server from the genuine Gemini CLI exactly as written, and neither
 * the pod's API key nor the Secret reaches it in its place.
 */
class GeminiSendsAnMcpHeaderLiteralAsWrittenE2E {
  private static final String API_KEY = "pod-api-key-7c2e";
  private static final String LITERAL =
      "abc${GEMINI_API_KEY}-$GEMINI_API_KEY-${MCP_SECRET_0}-$MCP_SECRET_0-{env:GEMINI_API_KEY}-$$-\\$GEMINI_API_KEY-${X:-y}";

  @TempDir Path tmp;

  @Test
  void theServerGetsTheLiteralAsWrittenAndNoKey() throws Exception {
    assertThat(GeminiEntrypointProcess.JAR).as("run `mvn package` first").exists();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        // A first turn that takes a moment, so a server still connecting is listed by the second.
        ScriptedGeminiServer model =
            ScriptedGeminiServer.start(
                respond(shell("sleep 2")),
                respond(call("mcp_probe_" + ScriptedMcpServer.TOOL, "{}")),
                say("The probe answered."))) {
      String servers = ProbeMcpHeaders.serversVariable(mcp.url(), LITERAL);
      GeminiEntrypointProcess.Outcome run =
          new GeminiEntrypointProcess(tmp, repo.dir(), model.baseUrl(), "Ask the probe who.")
              .with("AXON_MCP_SERVERS", servers)
              .with(ProbeMcpHeaders.SECRET_VARIABLE, AUTHORIZATION)
              .with("GEMINI_API_KEY", API_KEY)
              .run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(mcp.servedMethods()).as(run.stderr()).contains("initialize", "tools/call");
      assertEveryRequestCarries(mcp, "Authorization", AUTHORIZATION);
      assertEveryRequestCarries(mcp, "X-Probe", LITERAL);
      assertNoHeaderHoldsTheApiKey(mcp, API_KEY);
      List<ScriptedGeminiServer.Request> requests = model.requests();
      assertThat(requests.get(requests.size() - 1).body().toString())
          .as(run.stderr())
          .contains(ScriptedMcpServer.ANSWER);
      assertThat(run.summary().message()).isEqualTo("The probe answered.");
      assertThat(run.stdout()).doesNotContain(SECRET);
      assertThat(run.stderr()).doesNotContain(SECRET);
      assertThat(Files.readString(run.resultPath())).doesNotContain(SECRET);
      assertThat(Files.readString(tmp.resolve("home/.gemini/settings.json")))
          .contains("${MCP_SECRET_0}")
          .doesNotContain(SECRET);
    }
  }
}

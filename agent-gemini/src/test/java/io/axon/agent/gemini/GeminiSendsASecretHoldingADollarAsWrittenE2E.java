package io.axon.agent.gemini;

import static io.axon.agent.gemini.testing.ScriptedGeminiServer.call;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.respond;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.say;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.shell;
import static io.axon.agent.testing.McpRequestChecks.assertEveryRequestCarries;
import static io.axon.agent.testing.McpRequestChecks.assertNoHeaderHoldsTheApiKey;
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
 * A Secret's value that holds {@code $} (a password like {@code p$ss}, or text like a variable of
 * the pod's) reaches the MCP server from the genuine Gemini CLI exactly as stored, though the CLI
 * expands a header's value a second time.
 */
class GeminiSendsASecretHoldingADollarAsWrittenE2E {
  private static final String API_KEY = "pod-api-key-7c2e";
  private static final String AUTHORIZATION =
      "Bearer s3cr$t-$GEMINI_API_KEY-${GEMINI_API_KEY}-\\$-$$";

  @TempDir Path tmp;

  @Test
  void theServerGetsTheSecretAsStored() throws Exception {
    assertThat(GeminiEntrypointProcess.JAR).as("run `mvn package` first").exists();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        // A first turn that takes a moment, so a server still connecting is listed by the second.
        ScriptedGeminiServer model =
            ScriptedGeminiServer.start(
                respond(shell("sleep 2")),
                respond(call("mcp_probe_" + ScriptedMcpServer.TOOL, "{}")),
                say("The probe answered."))) {
      GeminiEntrypointProcess.Outcome run =
          new GeminiEntrypointProcess(tmp, repo.dir(), model.baseUrl(), "Ask the probe who.")
              .with("AXON_MCP_SERVERS", ProbeMcpHeaders.serversVariable(mcp.url()))
              .with(ProbeMcpHeaders.SECRET_VARIABLE, AUTHORIZATION)
              .with("GEMINI_API_KEY", API_KEY)
              .run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(mcp.servedMethods()).as(run.stderr()).contains("initialize", "tools/call");
      assertEveryRequestCarries(mcp, "Authorization", AUTHORIZATION);
      assertNoHeaderHoldsTheApiKey(mcp, API_KEY);
      List<ScriptedGeminiServer.Request> requests = model.requests();
      assertThat(requests.get(requests.size() - 1).body().toString())
          .as(run.stderr())
          .contains(ScriptedMcpServer.ANSWER);
      assertThat(run.stdout()).doesNotContain("s3cr");
      assertThat(run.stderr()).doesNotContain("s3cr");
      assertThat(Files.readString(tmp.resolve("home/.gemini/settings.json")))
          .doesNotContain("s3cr");
    }
  }
}

package io.axon.agent.gemini;

import static io.axon.agent.gemini.testing.ScriptedGeminiServer.call;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.respond;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.say;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.shell;
import static io.axon.agent.testing.McpRequestChecks.assertEveryRequestCarries;
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
 * An HTTP MCP server given to the gemini entrypoint in {@code AXON_MCP_SERVERS}, its Authorization
 * header from a Secret by variable (as the Job delivers it), is called by the genuine Gemini CLI
 * with the Secret's value as the header, its tool's result reaches the scripted model, and the
 * value is in no output.
 */
class GeminiCallsAnHttpMcpToolE2E {

  @TempDir Path tmp;

  @Test
  void theCliCallsTheHttpToolWithTheSecretHeader() throws Exception {
    assertThat(GeminiEntrypointProcess.JAR).as("run `mvn package` first").exists();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        // A first turn that takes a moment, so a server still connecting is listed by the second.
        ScriptedGeminiServer model =
            ScriptedGeminiServer.start(
                respond(shell("sleep 2")),
                respond(call("mcp_probe_" + ScriptedMcpServer.TOOL, "{}")),
                say("The probe answered."))) {
      String servers = ProbeMcpHeaders.serversVariable(mcp.url());
      GeminiEntrypointProcess.Outcome run =
          new GeminiEntrypointProcess(tmp, repo.dir(), model.baseUrl(), "Ask the probe who.")
              .with("AXON_MCP_SERVERS", servers)
              .with(ProbeMcpHeaders.SECRET_VARIABLE, AUTHORIZATION)
              .run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(mcp.servedMethods()).as(run.stderr()).contains("initialize", "tools/call");
      assertEveryRequestCarries(mcp, "Authorization", AUTHORIZATION);
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

package io.axon.agent.codex;

import static io.axon.agent.codex.testing.ScriptedOpenAiServer.call;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.exec;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.respond;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.say;
import static io.axon.agent.testing.McpRequestChecks.assertEveryRequestCarries;
import static io.axon.agent.testing.ProbeMcpHeaders.AUTHORIZATION;
import static io.axon.agent.testing.ProbeMcpHeaders.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.codex.testing.ScriptedOpenAiServer;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ProbeMcpHeaders;
import io.axon.agent.testing.ScriptedMcpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP MCP server given to the codex entrypoint in {@code AXON_MCP_SERVERS}, its Authorization
 * header from a Secret by variable (as the Job delivers it), is called by the genuine Codex CLI
 * with the Secret's value as the header, its tool's result reaches the scripted model, and the
 * value is in no output.
 */
class CodexCallsAnHttpMcpToolE2E {

  @TempDir Path tmp;

  @Test
  void theCliCallsTheHttpToolWithTheSecretHeader() throws Exception {
    assertThat(CodexEntrypointProcess.JAR).as("run `mvn package` first").exists();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        // A first turn that takes a moment, so a server still connecting is listed by the second.
        ScriptedOpenAiServer model =
            ScriptedOpenAiServer.start(
                respond(exec("sleep 2")),
                respond(call("mcp__probe", ScriptedMcpServer.TOOL, "{}")),
                say("The probe answered."))) {
      String servers = ProbeMcpHeaders.serversVariable(mcp.url());
      CodexEntrypointProcess.Outcome run =
          new CodexEntrypointProcess(tmp, repo.dir(), model.baseUrl(), "Ask the probe who.")
              .with("AXON_MCP_SERVERS", servers)
              .with(ProbeMcpHeaders.SECRET_VARIABLE, AUTHORIZATION)
              // A model Codex has no catalogue entry for: for catalogued ones it defers MCP tools
              // behind its tool_search tool.
              .with("AXON_MODEL", "axon-test-model")
              .run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(mcp.servedMethods()).as(run.stderr()).contains("initialize", "tools/call");
      assertEveryRequestCarries(mcp, "Authorization", AUTHORIZATION);
      List<ScriptedOpenAiServer.Request> requests = model.requests();
      assertThat(requests.get(requests.size() - 1).body().toString())
          .as(run.stderr())
          .contains(ScriptedMcpServer.ANSWER);
      assertThat(run.summary().message()).isEqualTo("The probe answered.");
      assertThat(run.stdout()).doesNotContain(SECRET);
      assertThat(run.stderr()).doesNotContain(SECRET);
      assertThat(Files.readString(run.resultPath())).doesNotContain(SECRET);
      assertThat(Files.readString(tmp.resolve("home/.codex/config.toml")))
          .contains("env_http_headers = { \"Authorization\" = \"MCP_SECRET_0\" }")
          .doesNotContain(SECRET);
    }
  }
}

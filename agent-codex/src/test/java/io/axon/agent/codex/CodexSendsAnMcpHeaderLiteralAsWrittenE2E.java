package io.axon.agent.codex;

import static io.axon.agent.codex.testing.ScriptedOpenAiServer.call;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.exec;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.respond;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.say;
import static io.axon.agent.testing.McpRequestChecks.assertEveryRequestCarries;
import static io.axon.agent.testing.McpRequestChecks.assertNoHeaderHoldsTheApiKey;
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
 * A literal MCP header written like the agent's variables ({@code OPENAI_API_KEY}, the other
 * header's Secret variable, in each syntax a CLI expands), given to the entrypoint in {@code
 * AXON_MCP_SERVERS}, reaches the server from the genuine Codex CLI exactly as written, and neither
 * the pod's API key nor the Secret reaches it in its place.
 */
class CodexSendsAnMcpHeaderLiteralAsWrittenE2E {
  private static final String API_KEY = "pod-api-key-7c2e";
  private static final String LITERAL =
      "abc${OPENAI_API_KEY}-$OPENAI_API_KEY-${MCP_SECRET_0}-$MCP_SECRET_0-{env:OPENAI_API_KEY}-\"q\\-$$";

  @TempDir Path tmp;

  @Test
  void theServerGetsTheLiteralAsWrittenAndNoKey() throws Exception {
    assertThat(CodexEntrypointProcess.JAR).as("run `mvn package` first").exists();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        // A first turn that takes a moment, so a server still connecting is listed by the second.
        ScriptedOpenAiServer model =
            ScriptedOpenAiServer.start(
                respond(exec("sleep 2")),
                respond(call("mcp__probe", ScriptedMcpServer.TOOL, "{}")),
                say("The probe answered."))) {
      String servers = ProbeMcpHeaders.serversVariable(mcp.url(), LITERAL);
      CodexEntrypointProcess.Outcome run =
          new CodexEntrypointProcess(tmp, repo.dir(), model.baseUrl(), "Ask the probe who.")
              .with("AXON_MCP_SERVERS", servers)
              .with(ProbeMcpHeaders.SECRET_VARIABLE, AUTHORIZATION)
              .with("OPENAI_API_KEY", API_KEY)
              // A model Codex has no catalogue entry for: for catalogued ones it defers MCP tools
              // behind its tool_search tool.
              .with("AXON_MODEL", "axon-test-model")
              .run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(mcp.servedMethods()).as(run.stderr()).contains("initialize", "tools/call");
      assertEveryRequestCarries(mcp, "Authorization", AUTHORIZATION);
      assertEveryRequestCarries(mcp, "X-Probe", LITERAL);
      assertNoHeaderHoldsTheApiKey(mcp, API_KEY);
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

package io.axon.agent.opencode;

import static io.axon.agent.testing.McpRequestChecks.assertEveryRequestCarries;
import static io.axon.agent.testing.ProbeMcpHeaders.AUTHORIZATION;
import static io.axon.agent.testing.ProbeMcpHeaders.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.axon.agent.opencode.testing.OfferedToolScript;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ProbeMcpHeaders;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.agent.testing.ScriptedMcpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP MCP server given to the opencode entrypoint in {@code AXON_MCP_SERVERS}, its
 * Authorization header from a Secret by variable (as the Job delivers it), is called by the genuine
 * OpenCode CLI with the Secret's value as the header, its tool's result reaches the scripted model,
 * and the value is in no output.
 */
class OpenCodeCallsAnHttpMcpToolE2E {

  @TempDir Path tmp;

  @Test
  void theCliCallsTheHttpToolWithTheSecretHeader() throws Exception {
    assertThat(OpenCodeEntrypointProcess.JAR).as("run `mvn package` first").exists();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start(AUTHORIZATION);
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(OfferedToolScript.callingTheProbe())) {
      String servers = ProbeMcpHeaders.serversVariable(mcp.url());
      OpenCodeEntrypointProcess.Outcome run =
          new OpenCodeEntrypointProcess(tmp, repo.dir(), model.baseUrl(), "Ask the probe who.")
              .with("AXON_MCP_SERVERS", servers)
              .with(ProbeMcpHeaders.SECRET_VARIABLE, AUTHORIZATION)
              .run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(mcp.servedMethods()).as(run.stdout()).contains("initialize", "tools/call");
      assertEveryRequestCarries(mcp, "Authorization", AUTHORIZATION);
      List<JsonNode> bodies =
          model.requests().stream()
              .map(ScriptedAnthropicServer.Request::body)
              .filter(b -> b.path("messages").size() > 0)
              .toList();
      assertThat(bodies.get(bodies.size() - 1).toString())
          .as(run.stdout())
          .contains(ScriptedMcpServer.ANSWER);
      assertThat(run.summary().message()).isEqualTo("The probe answered.");
      assertThat(run.stdout()).doesNotContain(SECRET);
      assertThat(run.stderr()).doesNotContain(SECRET);
      assertThat(Files.readString(run.resultPath())).doesNotContain(SECRET);
      assertThat(Files.readString(tmp.resolve("home/.config/opencode/opencode.json")))
          .contains("{env:MCP_SECRET_0}")
          .doesNotContain(SECRET);
    }
  }
}

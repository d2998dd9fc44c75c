package io.axon.agent.gemini;

import static io.axon.agent.gemini.testing.ScriptedGeminiServer.respond;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.say;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.shell;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.agent.gemini.testing.ScriptedGeminiServer;
import io.axon.agent.testing.GitRepo;
import io.axon.spi.agent.McpServerConfig;
import io.axon.spi.agent.McpValue;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stdio MCP server given to the gemini entrypoint in {@code AXON_MCP_SERVERS} is written into the
 * genuine Gemini CLI's {@code settings.json}, started by it with its Secret (named there as a
 * variable the CLI expands) and an argument holding a {@code $} as written, and its tool is in the
 * tools the CLI offers the scripted model.
 */
class GeminiLoadsItsMcpServersE2E {
  @TempDir Path tmp;

  @Test
  void theMcpServersToolIsOfferedToTheModel() throws Exception {
    assertThat(GeminiEntrypointProcess.JAR).as("run `mvn package` first").exists();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    Path probe = tmp.resolve("probe-server.mjs");
    try (InputStream in = getClass().getResourceAsStream("/mcp/probe-server.mjs")) {
      Files.write(probe, in.readAllBytes());
    }
    // A "$" in a literal must reach the server as it was written, not expanded by the CLI.
    Path received = tmp.resolve("token-$HOME-received");
    String servers =
        new ObjectMapper()
            .writeValueAsString(
                List.of(
                    McpServerConfig.stdio(
                        "probe",
                        "node",
                        List.of(probe.toString(), received.toString()),
                        Map.of("TOKEN", McpValue.fromVariable("MCP_SECRET_0")))));
    // A first turn that takes a moment, so a server still connecting is listed by the second.
    try (ScriptedGeminiServer model =
        ScriptedGeminiServer.start(respond(shell("sleep 2")), say("Done."))) {
      GeminiEntrypointProcess.Outcome run =
          new GeminiEntrypointProcess(tmp, repo.dir(), model.baseUrl(), "Look around.")
              .with("AXON_MCP_SERVERS", servers)
              .with("MCP_SECRET_0", "s3cret-value")
              .run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(model.requests()).as(run.stderr()).hasSizeGreaterThanOrEqualTo(2);
      String tools =
          model.requests().get(model.requests().size() - 1).body().path("tools").toString();
      assertThat(tools).as(run.stderr()).contains("whoami");
      assertThat(received).hasContent("s3cret-value");
      assertThat(Files.readString(tmp.resolve("home/.gemini/settings.json")))
          .contains("\"mcpServers\"")
          .contains("${MCP_SECRET_0}")
          .doesNotContain("s3cret-value");
    }
  }
}

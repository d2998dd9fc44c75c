package io.axon.agent.codex;

import static io.axon.agent.codex.testing.ScriptedOpenAiServer.exec;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.respond;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.say;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.agent.codex.testing.ScriptedOpenAiServer;
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
 * A stdio MCP server given to the codex entrypoint in {@code AXON_MCP_SERVERS} is written into the
 * genuine Codex CLI's {@code config.toml}, started by it with its Secret under the server's own
 * variable name, and its tool is in the tools Codex offers the scripted model.
 */
class CodexLoadsItsMcpServersE2E {
  @TempDir Path tmp;

  @Test
  void theMcpServersToolIsOfferedToTheModel() throws Exception {
    assertThat(CodexEntrypointProcess.JAR).as("run `mvn package` first").exists();
    GitRepo repo = GitRepo.create(tmp.resolve("repo"));
    Path probe = tmp.resolve("probe-server.mjs");
    try (InputStream in = getClass().getResourceAsStream("/mcp/probe-server.mjs")) {
      Files.write(probe, in.readAllBytes());
    }
    Path received = tmp.resolve("token-received");
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
    try (ScriptedOpenAiServer model =
        ScriptedOpenAiServer.start(respond(exec("sleep 2")), say("Done."))) {
      CodexEntrypointProcess.Outcome run =
          new CodexEntrypointProcess(tmp, repo.dir(), model.baseUrl(), "Look around.")
              .with("AXON_MCP_SERVERS", servers)
              .with("MCP_SECRET_0", "s3cret-value")
              // A model Codex has no catalogue entry for: for catalogued ones (gpt-5.5) it defers
              // MCP tools behind its tool_search tool, so they would not be in the first list.
              .with("AXON_MODEL", "axon-test-model")
              .run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(model.requests()).as(run.stderr()).hasSizeGreaterThanOrEqualTo(2);
      String tools =
          model.requests().get(model.requests().size() - 1).body().path("tools").toString();
      assertThat(tools).as(run.stderr()).contains("whoami");
      assertThat(received).hasContent("s3cret-value");
      assertThat(Files.readString(tmp.resolve("home/.codex/config.toml")))
          .contains("[mcp_servers.probe]")
          .contains("env_vars = [\"TOKEN\"]")
          .doesNotContain("s3cret-value");
    }
  }
}

package io.axon.agent.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.CredentialType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaudeCodeRuntimeTest {

  private final ClaudeCodeRuntime runtime = new ClaudeCodeRuntime();

  @Test
  void isFoundByTypeThroughServiceLoader() {
    assertThat(AgentRegistry.load().find("claude-code"))
        .get()
        .isInstanceOf(ClaudeCodeRuntime.class);
  }

  @Test
  void cliVersionIsThePinInHackAgentCli() throws Exception {
    String pinned = Files.readString(Path.of("../hack/agent-cli/claude-code.version")).strip();
    assertThat(runtime.cliVersion()).isEqualTo(pinned).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(Files.readString(Path.of("../hack/agent-cli/install-claude-code.sh")))
        .contains("CLAUDE_CODE_VERSION=\"" + pinned + "\"");
  }

  @Test
  void defaultImageIsTaggedWithTheCliVersion() {
    assertThat(runtime.defaultImage())
        .isEqualTo("ghcr.io/axon-core/axon-claude-code:" + runtime.cliVersion());
  }

  @Test
  void credentialsMapToTheCliVariables() {
    assertThat(runtime.credentialEnvVar(CredentialType.API_KEY)).isEqualTo("ANTHROPIC_API_KEY");
    assertThat(runtime.credentialEnvVar(CredentialType.OAUTH)).isEqualTo("CLAUDE_CODE_OAUTH_TOKEN");
  }

  @Test
  void commandRunsHeadlessWithStreamJsonAndTheOptionalFlags() {
    AgentCommand command =
        runtime.command(
            new AgentInvocation("Fix it", Optional.of("claude-opus-4"), "/ws", Optional.of(7)));
    assertThat(command.argv())
        .containsExactly(
            "claude",
            "-p",
            "--output-format",
            "stream-json",
            "--verbose",
            "--dangerously-skip-permissions",
            "--model",
            "claude-opus-4",
            "--max-turns",
            "7");
    assertThat(command.stdin()).contains("Fix it");
    assertThat(command.env())
        .containsEntry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
        .containsEntry("DISABLE_TELEMETRY", "1")
        .containsEntry("DISABLE_AUTOUPDATER", "1")
        .containsEntry("DISABLE_ERROR_REPORTING", "1")
        .hasSize(4);
    assertThat(command.homeFiles()).isEmpty();
  }

  @Test
  void commandLeavesModelAndTurnsToTheCliWhenUnsetAndPassesThePromptOnStdin() {
    String prompt = "a \"quoted\" $(prompt)\nwith `ticks` — ünïcödé";
    AgentCommand command =
        runtime.command(new AgentInvocation(prompt, Optional.empty(), "/ws", Optional.empty()));
    assertThat(command.argv())
        .containsExactly(
            "claude",
            "-p",
            "--output-format",
            "stream-json",
            "--verbose",
            "--dangerously-skip-permissions");
    assertThat(command.stdin()).contains(prompt);
  }

  @Test
  void eachRunGetsItsOwnReader() {
    assertThat(runtime.newOutputReader())
        .isInstanceOf(StreamJsonReader.class)
        .isNotSameAs(runtime.newOutputReader());
  }
}

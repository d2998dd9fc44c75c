package io.axon.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.CredentialType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodexRuntimeTest {

  private final CodexRuntime runtime =
      new CodexRuntime(Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9/v1"));

  @Test
  void isFoundByTypeThroughServiceLoader() {
    assertThat(AgentRegistry.load().find("codex")).get().isInstanceOf(CodexRuntime.class);
  }

  @Test
  void cliVersionIsThePinInHackAgentCli() throws Exception {
    String pinned = Files.readString(Path.of("../hack/agent-cli/codex.version")).strip();
    assertThat(runtime.cliVersion()).isEqualTo(pinned).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(Files.readString(Path.of("../hack/agent-cli/install-codex.sh")))
        .contains("CODEX_VERSION=\"" + pinned + "\"");
    assertThat(runtime.defaultImage()).isEqualTo("ghcr.io/axon-core/axon-codex:" + pinned);
  }

  @Test
  void credentialsAndModelApi() {
    assertThat(runtime.credentialEnvVar(CredentialType.API_KEY)).isEqualTo("OPENAI_API_KEY");
    assertThat(runtime.credentialEnvVar(CredentialType.OAUTH)).isEqualTo("OPENAI_API_KEY");
    assertThat(runtime.modelApi().orElseThrow().baseUrlEnvVar()).isEqualTo("OPENAI_BASE_URL");
    assertThat(runtime.modelApi().orElseThrow().baseUrl(Map.of()))
        .isEqualTo("https://api.openai.com/v1");
  }

  @Test
  void commandRunsExecJsonWithThePromptOnStdinAndTheModelFlag() {
    String prompt = "-a \"quoted\" $(prompt)\nwith `ticks` — ünïcödé";
    AgentCommand command =
        runtime.command(new AgentInvocation(prompt, Optional.of("gpt-5.5"), "/ws", Optional.of(3)));
    assertThat(command.argv())
        .containsExactly(
            "codex",
            "exec",
            "--json",
            "--dangerously-bypass-approvals-and-sandbox",
            "--skip-git-repo-check",
            "--ephemeral",
            "--disable",
            "plugins",
            "--disable",
            "remote_plugin",
            "--disable",
            "apps",
            "--model",
            "gpt-5.5",
            "-");
    assertThat(command.stdin()).contains(prompt);
    assertThat(command.homeFiles().get(".codex/config.toml"))
        .contains("model_provider = \"axon\"")
        .contains("base_url = \"http://127.0.0.1:9/v1\"")
        .contains("wire_api = \"responses\"")
        .contains("env_key = \"OPENAI_API_KEY\"")
        .contains("[analytics]\nenabled = false");
  }

  @Test
  void withoutAModelThePluginsDefaultIsPassedAndTheVendorsUrlIsUsed() {
    AgentCommand command =
        new CodexRuntime(Map.of())
            .command(new AgentInvocation("x", Optional.empty(), "/ws", Optional.empty()));
    // Passed, not left to the CLI: Codex does not print its model, so the log names this one.
    assertThat(command.argv())
        .containsSequence("--model", CodexRuntime.DEFAULT_MODEL)
        .endsWith("-");
    assertThat(command.homeFiles().get(".codex/config.toml"))
        .contains("base_url = \"https://api.openai.com/v1\"");
  }

  @Test
  void aBaseUrlCannotBreakOutOfItsTomlString() {
    assertThat(CodexConfig.basicString("http://h/\"x\\")).isEqualTo("\"http://h/\\\"x\\\\\"");
    assertThatThrownBy(() -> CodexConfig.basicString("http://h/\n[x]"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readersCarryTheTurnLimit() {
    assertThat(runtime.newOutputReader()).isNotSameAs(runtime.newOutputReader());
    assertThat(
            runtime.newOutputReader(
                new AgentInvocation("x", Optional.empty(), "/ws", Optional.of(1))))
        .isInstanceOf(CodexJsonReader.class);
  }
}

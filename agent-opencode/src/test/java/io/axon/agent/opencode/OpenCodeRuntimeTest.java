package io.axon.agent.opencode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.CredentialType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenCodeRuntimeTest {

  private final OpenCodeRuntime runtime =
      new OpenCodeRuntime(Map.of("ANTHROPIC_BASE_URL", "http://127.0.0.1:9/"));

  @Test
  void isFoundByTypeThroughServiceLoader() {
    assertThat(AgentRegistry.load().find("opencode")).get().isInstanceOf(OpenCodeRuntime.class);
  }

  @Test
  void cliVersionIsThePinInHackAgentCli() throws Exception {
    String pinned = Files.readString(Path.of("../hack/agent-cli/opencode.version")).strip();
    assertThat(runtime.cliVersion()).isEqualTo(pinned).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(Files.readString(Path.of("../hack/agent-cli/install-opencode.sh")))
        .contains("OPENCODE_VERSION=\"" + pinned + "\"");
    assertThat(runtime.defaultImage()).isEqualTo("ghcr.io/axon-core/axon-opencode:" + pinned);
  }

  @Test
  void credentialsAndModelApi() {
    assertThat(runtime.credentialEnvVar(CredentialType.API_KEY)).isEqualTo("ANTHROPIC_API_KEY");
    assertThat(runtime.credentialEnvVar(CredentialType.OAUTH)).isEqualTo("ANTHROPIC_API_KEY");
    assertThat(runtime.modelApi().orElseThrow().baseUrlEnvVar()).isEqualTo("ANTHROPIC_BASE_URL");
  }

  @Test
  void commandRunsJsonWithThePromptOnStdinAQualifiedModelAndAQuietConfig() throws Exception {
    String prompt = "-a \"quoted\" $(prompt)\nwith `ticks` — ünïcödé";
    AgentCommand command =
        runtime.command(
            new AgentInvocation(prompt, Optional.of("claude-sonnet-4-5"), "/ws", Optional.of(3)));
    assertThat(command.argv())
        .containsExactly(
            "opencode",
            "run",
            "--format",
            "json",
            "--title",
            "axon",
            "--model",
            "anthropic/claude-sonnet-4-5");
    assertThat(command.stdin()).contains(prompt);
    assertThat(command.env())
        .containsEntry("OPENCODE_DISABLE_MODELS_FETCH", "1")
        .containsEntry("OPENCODE_DISABLE_AUTOUPDATE", "1");
    JsonNode config =
        new ObjectMapper().readTree(command.homeFiles().get(".config/opencode/opencode.json"));
    assertThat(config.at("/provider/anthropic/options/baseURL").asText())
        .isEqualTo("http://127.0.0.1:9/v1");
    assertThat(config.at("/autoupdate").asBoolean(true)).isFalse();
    assertThat(config.at("/snapshot").asBoolean(true)).isFalse();
    assertThat(config.at("/permission").asText()).isEqualTo("allow");
  }

  @Test
  void aModelWithAProviderIsPassedAsItIsAndNoneGetsThePluginsDefault() {
    assertThat(OpenCodeRuntime.qualified("openai/gpt-5.5")).isEqualTo("openai/gpt-5.5");
    AgentCommand command =
        new OpenCodeRuntime(Map.of())
            .command(new AgentInvocation("x", Optional.empty(), "/ws", Optional.empty()));
    assertThat(command.argv()).containsSequence("--model", OpenCodeRuntime.DEFAULT_MODEL);
    assertThat(command.homeFiles().get(".config/opencode/opencode.json"))
        .contains("\"https://api.anthropic.com/v1\"");
  }
}

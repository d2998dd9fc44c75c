package io.axon.agent.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.CredentialType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeminiRuntimeTest {

  private final GeminiRuntime runtime = new GeminiRuntime();

  @Test
  void isFoundByTypeThroughServiceLoader() {
    assertThat(AgentRegistry.load().find("gemini")).get().isInstanceOf(GeminiRuntime.class);
  }

  @Test
  void cliVersionIsThePinInHackAgentCli() throws Exception {
    String pinned = Files.readString(Path.of("../hack/agent-cli/gemini.version")).strip();
    assertThat(runtime.cliVersion()).isEqualTo(pinned).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(Files.readString(Path.of("../hack/agent-cli/install-gemini.sh")))
        .contains("GEMINI_VERSION=\"" + pinned + "\"");
    assertThat(runtime.defaultImage()).isEqualTo("ghcr.io/axon-core/axon-gemini:" + pinned);
  }

  @Test
  void credentialsAndModelApi() {
    assertThat(runtime.credentialEnvVar(CredentialType.API_KEY)).isEqualTo("GEMINI_API_KEY");
    assertThat(runtime.credentialEnvVar(CredentialType.OAUTH)).isEqualTo("GEMINI_API_KEY");
    assertThat(runtime.modelApi().orElseThrow().baseUrlEnvVar())
        .isEqualTo("GOOGLE_GEMINI_BASE_URL");
  }

  @Test
  void commandRunsStreamJsonWithThePromptOnStdinAndQuietSettings() throws Exception {
    String prompt = "-a \"quoted\" $(prompt) @file\nwith `ticks` — ünïcödé";
    AgentCommand command =
        runtime.command(
            new AgentInvocation(prompt, Optional.of("gemini-2.5-pro"), "/ws", Optional.of(3)));
    assertThat(command.argv())
        .containsExactly(
            "gemini",
            "--skip-trust",
            "--output-format",
            "stream-json",
            "--yolo",
            "--model",
            "gemini-2.5-pro");
    assertThat(command.stdin()).contains(prompt);
    JsonNode settings =
        new ObjectMapper().readTree(command.homeFiles().get(".gemini/settings.json"));
    assertThat(settings.at("/privacy/usageStatisticsEnabled").asBoolean(true)).isFalse();
    assertThat(settings.at("/telemetry/enabled").asBoolean(true)).isFalse();
    assertThat(settings.at("/general/disableAutoUpdate").asBoolean()).isTrue();
    assertThat(settings.at("/general/maxAttempts").asInt()).isEqualTo(1);
  }

  @Test
  void withoutAModelTheFlagIsLeftOut() {
    assertThat(
            runtime
                .command(new AgentInvocation("x", Optional.empty(), "/ws", Optional.empty()))
                .argv())
        .doesNotContain("--model");
  }
}

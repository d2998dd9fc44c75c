package io.axon.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.agent.AgentRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A local run's sandbox lets through the model API of the agent it runs, and only that one. */
class SandboxAllowsTheAgentsModelApiTest {

  private static LocalRunner.Options options(String type, Map<String, String> passEnv) {
    return new LocalRunner.Options(
        type,
        "x",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        passEnv,
        Optional.empty(),
        true);
  }

  @ParameterizedTest
  @CsvSource({
    "claude-code, api.anthropic.com:443",
    "codex, api.openai.com:443",
    "gemini, generativelanguage.googleapis.com:443",
    "opencode, api.anthropic.com:443"
  })
  void theVendorsHostByDefault(String type, String hostPort) {
    SandboxNetwork network =
        SandboxNetwork.plan(
            options(type, Map.of()),
            Set.of(),
            AgentRegistry.load().find(type).orElseThrow().modelApi());
    assertThat(network.allowlist().allowed().stream().map(Object::toString))
        .containsExactly(hostPort);
  }

  @ParameterizedTest
  @CsvSource({
    "codex, OPENAI_BASE_URL, http://127.0.0.1:4010/v1",
    "gemini, GOOGLE_GEMINI_BASE_URL, http://127.0.0.1:4010"
  })
  void theAgentsOwnBaseUrlVariableMovesItAndAnthropicsDoesNot(
      String type, String variable, String url) {
    SandboxNetwork network =
        SandboxNetwork.plan(
            options(type, Map.of(variable, url, "ANTHROPIC_BASE_URL", "http://127.0.0.1:4020")),
            Set.of(),
            AgentRegistry.load().find(type).orElseThrow().modelApi());
    assertThat(network.allowlist().allowed().stream().map(Object::toString))
        .containsExactly("127.0.0.1:4010");
    assertThat(network.tunnels()).extracting(SandboxForwarder.Tunnel::port).containsExactly(4010);
  }
}

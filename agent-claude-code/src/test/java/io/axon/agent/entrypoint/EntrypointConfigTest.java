package io.axon.agent.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.agent.entrypoint.EntrypointConfig.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntrypointConfigTest {

  @TempDir Path workspace;

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("AXON_AGENT_TYPE", "claude-code");
    env.put("AXON_PROMPT", "  keep my spaces\n");
    env.put("AXON_WORKSPACE_DIR", workspace.toString());
    env.put("AXON_RESULT_PATH", "/dev/termination-log");
    return env;
  }

  @Test
  void readsThePromptFromTheFileItNamesByteExact() throws Exception {
    String prompt = "-starts like a flag\n\t" + "x".repeat(140_000) + " ünïcödé 🚀\n  ";
    Path file = Files.writeString(workspace.resolve("prompt"), prompt, StandardCharsets.UTF_8);
    Map<String, String> env = env();
    env.remove("AXON_PROMPT");
    env.put("AXON_PROMPT_FILE", file.toString());
    assertThat(EntrypointConfig.fromEnvironment(env).prompt()).isEqualTo(prompt);
  }

  @Test
  void aPromptFileThatIsNotUtf8IsRefusedNamingTheVariable() throws Exception {
    Path file = Files.write(workspace.resolve("prompt"), new byte[] {'a', (byte) 0xff, 'b'});
    Map<String, String> env = env();
    env.put("AXON_PROMPT_FILE", file.toString());
    assertThatThrownBy(() -> EntrypointConfig.fromEnvironment(env))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("AXON_PROMPT_FILE=" + file + " is not UTF-8 text");
  }

  @Test
  void readsRequiredAndOptionalVariables() throws Exception {
    Map<String, String> env = env();
    env.put("AXON_MODEL", "claude-opus-4");
    env.put("AXON_MAX_TURNS", "12");
    EntrypointConfig config = EntrypointConfig.fromEnvironment(env);
    assertThat(config.agentType()).isEqualTo("claude-code");
    assertThat(config.prompt()).isEqualTo("  keep my spaces\n");
    assertThat(config.model()).contains("claude-opus-4");
    assertThat(config.maxTurns()).contains(12);
    assertThat(config.workspaceDir()).isEqualTo(workspace);
    assertThat(config.resultPath()).isEqualTo(Path.of("/dev/termination-log"));
  }

  @Test
  void optionalVariablesMayBeAbsentOrEmpty() throws Exception {
    Map<String, String> env = env();
    env.put("AXON_MODEL", "");
    EntrypointConfig config = EntrypointConfig.fromEnvironment(env);
    assertThat(config.model()).isEmpty();
    assertThat(config.maxTurns()).isEmpty();
  }

  @Test
  void eachMissingVariableIsNamed() {
    for (String name :
        new String[] {"AXON_AGENT_TYPE", "AXON_PROMPT", "AXON_WORKSPACE_DIR", "AXON_RESULT_PATH"}) {
      Map<String, String> env = env();
      env.remove(name);
      assertThatThrownBy(() -> EntrypointConfig.fromEnvironment(env))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageStartingWith(name + (name.equals("AXON_PROMPT") ? " and" : " is not set"));
    }
  }

  @Test
  void rejectsBadTurnsAndMissingWorkspace() {
    Map<String, String> env = env();
    env.put("AXON_MAX_TURNS", "zero");
    assertThatThrownBy(() -> EntrypointConfig.fromEnvironment(env))
        .hasMessage("AXON_MAX_TURNS must be a whole number of at least 1, got 'zero'");
    env.put("AXON_MAX_TURNS", "0");
    assertThatThrownBy(() -> EntrypointConfig.fromEnvironment(env))
        .hasMessageContaining("AXON_MAX_TURNS");
    env.remove("AXON_MAX_TURNS");
    env.put("AXON_WORKSPACE_DIR", workspace.resolve("missing").toString());
    assertThatThrownBy(() -> EntrypointConfig.fromEnvironment(env))
        .hasMessageEndingWith("missing is not a directory");
  }
}

package io.axon.agent.opencode;

import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.CredentialType;
import io.axon.spi.agent.ModelApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenCode ({@code opencode-ai}) run headless: {@code opencode run --format json}, the prompt on
 * standard input, through its Anthropic provider (the model API and key are Claude Code's: {@code
 * ANTHROPIC_BASE_URL}, {@code ANTHROPIC_API_KEY}), configured in {@code
 * ~/.config/opencode/opencode.json} ({@link OpenCodeConfig}). A model without a provider prefix is
 * an Anthropic one. OpenCode has no turn-limit flag: the reader counts steps and asks the
 * entrypoint to stop the agent past the limit.
 */
public final class OpenCodeRuntime implements AgentRuntime {

  public static final String TYPE = "opencode";

  /**
   * The model a run without one gets, passed as {@code --model} so the log and the summary say
   * which model ran; OpenCode does not print it.
   */
  public static final String DEFAULT_MODEL = "anthropic/claude-sonnet-4-5";

  static final String VERSION_RESOURCE = "/META-INF/axon/agents/opencode/opencode.version";
  static final String IMAGE_REPOSITORY = "ghcr.io/axon-core/axon-opencode";

  public static final ModelApi MODEL_API =
      new ModelApi("ANTHROPIC_BASE_URL", "https://api.anthropic.com");

  /** Without these OpenCode fetches a model catalogue, updates, LSP servers and plugins. */
  static final Map<String, String> QUIET_ENV =
      Map.of(
          "OPENCODE_DISABLE_MODELS_FETCH", "1",
          "OPENCODE_DISABLE_AUTOUPDATE", "1",
          "OPENCODE_DISABLE_LSP_DOWNLOAD", "1",
          "OPENCODE_DISABLE_DEFAULT_PLUGINS", "1",
          "OPENCODE_DISABLE_SHARE", "1");

  private final String cliVersion = readCliVersion();
  private final Map<String, String> environment;

  public OpenCodeRuntime() {
    this(System.getenv());
  }

  /** With the environment the entrypoint runs in (the base URL is read from it). */
  OpenCodeRuntime(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String defaultImage() {
    return IMAGE_REPOSITORY + ":" + cliVersion;
  }

  @Override
  public String cliVersion() {
    return cliVersion;
  }

  /** {@code ANTHROPIC_API_KEY} for both kinds: OpenCode's Anthropic provider takes an API key. */
  @Override
  public String credentialEnvVar(CredentialType type) {
    return "ANTHROPIC_API_KEY";
  }

  @Override
  public Optional<String> instructionsFile() {
    return Optional.of(".config/opencode/AGENTS.md");
  }

  @Override
  public Optional<ModelApi> modelApi() {
    return Optional.of(MODEL_API);
  }

  /** Into the {@code mcp} key of {@code opencode.json} ({@link OpenCodeMcp}). */
  @Override
  public boolean configuresMcpServers() {
    return true;
  }

  @Override
  public AgentCommand command(AgentInvocation invocation) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "opencode",
                "run",
                "--format",
                "json",
                // A title of its own: otherwise OpenCode asks the model for one first.
                "--title",
                "axon"));
    argv.add("--model");
    argv.add(invocation.model().map(OpenCodeRuntime::qualified).orElse(DEFAULT_MODEL));
    // No message argument: OpenCode reads the prompt from standard input, byte-exact.
    return new AgentCommand(
        argv,
        QUIET_ENV,
        Map.of(
            OpenCodeConfig.PATH,
            OpenCodeConfig.json(
                MODEL_API.baseUrl(environment), invocation.mcpServers(), environment)),
        Optional.of(invocation.prompt()));
  }

  /** OpenCode names models {@code provider/model}; a bare name is an Anthropic model. */
  static String qualified(String model) {
    return model.contains("/") ? model : "anthropic/" + model;
  }

  @Override
  public AgentOutputReader newOutputReader() {
    return new OpenCodeJsonReader(Optional.empty(), Optional.empty());
  }

  @Override
  public AgentOutputReader newOutputReader(AgentInvocation invocation) {
    return new OpenCodeJsonReader(invocation.model(), invocation.maxTurns());
  }

  private static String readCliVersion() {
    try (InputStream in = OpenCodeRuntime.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(VERSION_RESOURCE + " is missing from the plugin jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.axon.agent.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Gemini CLI ({@code @google/gemini-cli}) run headless: {@code gemini --output-format stream-json
 * --yolo}, the prompt on standard input, quiet through {@code ~/.gemini/settings.json}. The CLI's
 * exit status is not its outcome (an API error exits 144): the {@code result} event is. It has no
 * turn-limit flag: the reader counts turns and asks the entrypoint to stop the agent past the
 * limit.
 */
public final class GeminiRuntime implements AgentRuntime {

  public static final String TYPE = "gemini";

  static final String VERSION_RESOURCE = "/META-INF/axon/agents/gemini/gemini.version";
  static final String IMAGE_REPOSITORY = "ghcr.io/axon-core/axon-gemini";

  /** The CLI reads {@code GOOGLE_GEMINI_BASE_URL} itself. */
  public static final ModelApi MODEL_API =
      new ModelApi("GOOGLE_GEMINI_BASE_URL", "https://generativelanguage.googleapis.com");

  /** Below the agent's HOME. */
  static final String SETTINGS_PATH = ".gemini/settings.json";

  /**
   * No usage statistics, telemetry or update checks (each reaches a public host), one attempt per
   * request (the run fails fast and says why; the Task can be retried), API-key authentication.
   */
  static final String SETTINGS =
      """
      {
        "privacy": {"usageStatisticsEnabled": false},
        "telemetry": {"enabled": false},
        "general": {"disableAutoUpdate": true, "disableUpdateNag": true, "maxAttempts": 1},
        "security": {"auth": {"selectedType": "gemini-api-key"}}
      }
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String cliVersion = readCliVersion();
  private final Map<String, String> environment;

  public GeminiRuntime() {
    this(System.getenv());
  }

  /** With the environment the entrypoint runs in (each MCP Secret's value is read from it). */
  GeminiRuntime(Map<String, String> environment) {
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

  /** {@code GEMINI_API_KEY} for both kinds: the headless CLI takes an API key. */
  @Override
  public String credentialEnvVar(CredentialType type) {
    return "GEMINI_API_KEY";
  }

  @Override
  public Optional<String> instructionsFile() {
    return Optional.of(".gemini/GEMINI.md");
  }

  @Override
  public Optional<ModelApi> modelApi() {
    return Optional.of(MODEL_API);
  }

  /** Into the {@code mcpServers} key of {@code settings.json} ({@link GeminiMcp}). */
  @Override
  public boolean configuresMcpServers() {
    return true;
  }

  @Override
  public AgentCommand command(AgentInvocation invocation) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "gemini",
                // The workspace is the Task's own clone: trusting it is the point.
                "--skip-trust",
                "--output-format",
                "stream-json",
                "--yolo"));
    invocation
        .model()
        .ifPresent(
            model -> {
              // Also skips the CLI's model-routing side call.
              argv.add("--model");
              argv.add(model);
            });
    // With no -p the CLI reads the prompt from standard input: byte-exact and of any length.
    if (invocation.mcpServers().isEmpty()) {
      return new AgentCommand(
          argv, Map.of(), Map.of(SETTINGS_PATH, SETTINGS), Optional.of(invocation.prompt()));
    }
    GeminiMcp mcp = new GeminiMcp(invocation.mcpServers(), environment);
    return new AgentCommand(
        argv,
        mcp.variables(),
        Map.of(SETTINGS_PATH, settingsWith(mcp)),
        Optional.of(invocation.prompt()));
  }

  /** {@link #SETTINGS} with the Task's MCP servers. */
  private static String settingsWith(GeminiMcp mcp) {
    try {
      ObjectNode settings = (ObjectNode) JSON.readTree(SETTINGS);
      settings.set("mcpServers", mcp.servers());
      return settings.toPrettyString() + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public AgentOutputReader newOutputReader() {
    return new GeminiStreamJsonReader(Optional.empty());
  }

  @Override
  public AgentOutputReader newOutputReader(AgentInvocation invocation) {
    return new GeminiStreamJsonReader(invocation.maxTurns());
  }

  private static String readCliVersion() {
    try (InputStream in = GeminiRuntime.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(VERSION_RESOURCE + " is missing from the plugin jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

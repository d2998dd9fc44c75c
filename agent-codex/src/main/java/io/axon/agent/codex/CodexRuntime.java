package io.axon.agent.codex;

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
 * Codex ({@code @openai/codex}) run headless: {@code codex exec --json}, the prompt on standard
 * input, talking to the OpenAI Responses API through a model provider written into {@code
 * ~/.codex/config.toml} ({@link CodexConfig}). Codex has no turn limit of its own: the reader
 * counts turns and asks the entrypoint to stop the agent past the limit.
 */
public final class CodexRuntime implements AgentRuntime {

  public static final String TYPE = "codex";

  /**
   * The model a run without one gets: the pinned CLI's own default (its runs name it), passed as
   * {@code --model} so the log and the summary say which model ran; Codex does not print it.
   */
  public static final String DEFAULT_MODEL = "gpt-5-codex";

  static final String VERSION_RESOURCE = "/META-INF/axon/agents/codex/codex.version";
  static final String IMAGE_REPOSITORY = "ghcr.io/axon-core/axon-codex";

  /** Where requests go; {@code OPENAI_BASE_URL} points them at a gateway or a test server. */
  public static final ModelApi MODEL_API =
      new ModelApi("OPENAI_BASE_URL", "https://api.openai.com/v1");

  private final String cliVersion = readCliVersion();
  private final Map<String, String> environment;

  public CodexRuntime() {
    this(System.getenv());
  }

  /** With the environment the entrypoint runs in (the base URL is read from it). */
  CodexRuntime(Map<String, String> environment) {
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

  /**
   * {@code OPENAI_API_KEY} for both kinds: headless Codex authenticates with an API key only (a
   * ChatGPT sign-in lives in a file, not a variable).
   */
  @Override
  public String credentialEnvVar(CredentialType type) {
    return "OPENAI_API_KEY";
  }

  @Override
  public Optional<String> instructionsFile() {
    return Optional.of(".codex/AGENTS.md");
  }

  @Override
  public Optional<ModelApi> modelApi() {
    return Optional.of(MODEL_API);
  }

  /** Into {@code [mcp_servers.NAME]} tables of {@code config.toml} ({@link CodexMcp}). */
  @Override
  public boolean configuresMcpServers() {
    return true;
  }

  @Override
  public AgentCommand command(AgentInvocation invocation) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "codex",
                "exec",
                "--json",
                // The pod (or the local sandbox) is the sandbox; Codex's own would need privileges.
                "--dangerously-bypass-approvals-and-sandbox",
                "--skip-git-repo-check",
                "--ephemeral",
                // Without these Codex looks up plugin and app catalogues on public hosts.
                "--disable",
                "plugins",
                "--disable",
                "remote_plugin",
                "--disable",
                "apps"));
    argv.add("--model");
    argv.add(invocation.model().orElse(DEFAULT_MODEL));
    // "-": the prompt comes from standard input, byte-exact and of any length.
    argv.add("-");
    CodexMcp mcp = new CodexMcp(invocation.mcpServers(), environment);
    return new AgentCommand(
        argv,
        mcp.variables(),
        Map.of(CodexConfig.PATH, CodexConfig.toml(MODEL_API.baseUrl(environment)) + mcp.toml()),
        Optional.of(invocation.prompt()));
  }

  @Override
  public AgentOutputReader newOutputReader() {
    return new CodexJsonReader(Optional.empty(), Optional.empty());
  }

  @Override
  public AgentOutputReader newOutputReader(AgentInvocation invocation) {
    return new CodexJsonReader(invocation.model(), invocation.maxTurns());
  }

  private static String readCliVersion() {
    try (InputStream in = CodexRuntime.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(VERSION_RESOURCE + " is missing from the plugin jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

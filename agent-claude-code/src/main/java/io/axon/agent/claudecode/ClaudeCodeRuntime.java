package io.axon.agent.claudecode;

import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.CredentialType;
import io.axon.spi.agent.ModelApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Claude Code ({@code @anthropic-ai/claude-code}) run headless with stream-json output. */
public final class ClaudeCodeRuntime implements AgentRuntime {

  public static final String TYPE = "claude-code";

  /** Where the jar carries the pinned version, copied from {@code hack/agent-cli} at build time. */
  static final String VERSION_RESOURCE = "/META-INF/axon/agents/claude-code/claude-code.version";

  static final String IMAGE_REPOSITORY = "ghcr.io/axon-core/axon-claude-code";

  /**
   * Without these the CLI looks up public hosts (telemetry, update checks, error reports) on every
   * start: slow where they are unreachable, and traffic a sandboxed run must not make.
   */
  static final Map<String, String> QUIET_ENV =
      Map.of(
          "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
          "DISABLE_TELEMETRY", "1",
          "DISABLE_AUTOUPDATER", "1",
          "DISABLE_ERROR_REPORTING", "1");

  private final String cliVersion = readCliVersion();

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

  @Override
  public String credentialEnvVar(CredentialType type) {
    return switch (type) {
      case API_KEY -> "ANTHROPIC_API_KEY";
      case OAUTH -> "CLAUDE_CODE_OAUTH_TOKEN";
      case NONE -> throw new IllegalArgumentException("credentials type none has no variable");
    };
  }

  @Override
  public AgentCommand command(AgentInvocation invocation) {
    List<String> argv = new ArrayList<>();
    argv.add("claude");
    argv.add("-p");
    // stream-json refuses to run without --verbose.
    argv.addAll(
        List.of("--output-format", "stream-json", "--verbose", "--dangerously-skip-permissions"));
    invocation
        .model()
        .ifPresent(
            model -> {
              argv.add("--model");
              argv.add(model);
            });
    invocation
        .maxTurns()
        .ifPresent(
            turns -> {
              argv.add("--max-turns");
              argv.add(Integer.toString(turns));
            });
    invocation
        .maxBudgetUSD()
        .ifPresent(
            usd -> {
              // The CLI checks it between turns and ends with error_max_budget_usd.
              argv.add("--max-budget-usd");
              argv.add(BigDecimal.valueOf(usd).toPlainString());
            });
    // With no prompt argument, `claude -p` reads its prompt from standard input, byte-exact and of
    // any length; as an argument it could not exceed 128 KiB, nor start with "-" unescaped.
    return new AgentCommand(argv, QUIET_ENV, Map.of(), Optional.of(invocation.prompt()));
  }

  @Override
  public Optional<String> instructionsFile() {
    return Optional.of(".claude/CLAUDE.md");
  }

  @Override
  public Optional<ModelApi> modelApi() {
    return Optional.of(new ModelApi("ANTHROPIC_BASE_URL", "https://api.anthropic.com"));
  }

  @Override
  public AgentOutputReader newOutputReader() {
    return new StreamJsonReader();
  }

  private static String readCliVersion() {
    try (InputStream in = ClaudeCodeRuntime.class.getResourceAsStream(VERSION_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(VERSION_RESOURCE + " is missing from the plugin jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

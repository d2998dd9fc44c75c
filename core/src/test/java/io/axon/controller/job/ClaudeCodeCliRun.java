package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.claudecode.ClaudeCodeRuntime;
import io.axon.agent.testing.ClaudeCodeCli;
import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The genuine Claude Code CLI run as the runtime's command says (argv, variables, stdin), in a
 * workspace and HOME the pod's setup step wrote, with nothing else in its environment but the model
 * server, its key and the given variables.
 */
final class ClaudeCodeCliRun {

  private ClaudeCodeCliRun() {}

  /** Runs it to its end (2 minutes at most) and returns its output, stderr with stdout. */
  static String run(
      String prompt,
      int maxTurns,
      Path home,
      Path workspace,
      String modelBaseUrl,
      String apiKey,
      Map<String, String> variables)
      throws Exception {
    AgentCommand command =
        new ClaudeCodeRuntime()
            .command(
                new AgentInvocation(
                    prompt,
                    Optional.of("claude-sonnet-4-20250514"),
                    workspace.toString(),
                    Optional.of(maxTurns)));
    List<String> argv = new ArrayList<>(command.argv());
    argv.set(0, ClaudeCodeCli.executable().toString());
    ProcessBuilder claude = new ProcessBuilder(argv).directory(workspace.toFile());
    claude.environment().clear();
    claude.environment().put("PATH", "/usr/bin:/bin");
    claude.environment().put("HOME", home.toString());
    claude.environment().put("ANTHROPIC_BASE_URL", modelBaseUrl);
    claude.environment().put("ANTHROPIC_API_KEY", apiKey);
    claude.environment().put("LANG", "C.UTF-8");
    // As root (the CI machines) Claude Code refuses --dangerously-skip-permissions without it.
    claude.environment().put("IS_SANDBOX", "1");
    claude.environment().putAll(command.env());
    claude.environment().putAll(variables);
    claude.redirectErrorStream(true);
    Process run = claude.start();
    run.getOutputStream().write(command.stdin().orElseThrow().getBytes(StandardCharsets.UTF_8));
    run.getOutputStream().close();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
    return output;
  }
}

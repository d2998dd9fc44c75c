package io.axon.cli.local;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.spi.agent.AgentRegistry;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An agent that starts more processes, or takes more memory, than the sandbox allows is refused and
 * killed beyond the limit, and the run says which limit it reached.
 */
class LocalRunSaysWhenItReachedALimitE2E {
  private static final int MAX_PROCESSES = 96;
  private static final long MEMORY = 1L << 30;

  @Test
  void theProcessLimitHoldsAndIsReported() throws Exception {
    // Whether the agent's own runtime survives the saturation (it may need a thread meanwhile and
    // abort) is chance; that the limit held and was reported is not.
    String forks = "for i in $(seq 200); do sleep 2 & done 2>/dev/null; wait; echo forked";
    Run run = run(message(bash(forks)), say("Done."));

    assertThat(run.errors())
        .as(run.output())
        .contains(
            "warning: the run reached its limit of "
                + MAX_PROCESSES
                + " processes: what the agent started beyond it was refused or killed");
    assertThat(run.errors()).doesNotContain("memory limit");
  }

  @Test
  void theMemoryLimitHoldsAndIsReported() throws Exception {
    // tail keeps a line without a newline whole in memory.
    String swallow = "head -c 1600M /dev/zero | tail > /dev/null; echo swallowed $?";
    Run run = run(message(bash(swallow)), say("Done."));

    assertThat(run.status()).as("%s%n%s", run.errors(), run.output()).isZero();
    assertThat(run.requests().get(1)).contains("swallowed 137");
    assertThat(run.errors())
        .contains(
            "warning: the run reached its memory limit of 1024"
                + " MiB: what the agent started beyond it was refused or killed");
  }

  private record Run(int status, String output, String errors, java.util.List<String> requests) {}

  private static Run run(io.axon.agent.testing.ModelReply... replies) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(replies)) {
      LocalRunner runner =
          new LocalRunner(
              AgentRegistry.load(),
              LocalRunner.defaultCacheDir(),
              System.getenv("PATH"),
              MAX_PROCESSES,
              MEMORY);
      int status =
          runner.run(
              LocalRunFixture.options(server, "Take everything.", Optional.empty()),
              new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
              new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true),
              false);
      return new Run(
          status,
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8),
          server.requests().stream().map(r -> r.body().toString()).toList());
    } finally {
      String printed = out.toString(StandardCharsets.UTF_8);
      java.util.regex.Matcher kept =
          java.util.regex.Pattern.compile("(?m)^Workspace: (/\\S+) ").matcher(printed);
      if (kept.find()) {
        new RunDirectory(java.nio.file.Path.of(kept.group(1)).getParent()).removeAll();
      }
    }
  }
}

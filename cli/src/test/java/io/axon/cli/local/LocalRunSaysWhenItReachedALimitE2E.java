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
 * An agent that starts more processes, and takes more memory, than the sandbox allows is refused
 * and killed beyond the limits, and the run says which limits it reached.
 */
class LocalRunSaysWhenItReachedALimitE2E {

  @Test
  void processAndMemoryLimitsHoldAndAreReported() throws Exception {
    // Short-lived processes, waited for: the agent CLI needs processes of its own afterwards.
    String forks = "for i in $(seq 200); do sleep 2 & done 2>/dev/null; wait; echo forked";
    // tail keeps a line without a newline whole in memory.
    String swallow = "head -c 1600M /dev/zero | tail > /dev/null; echo swallowed $?";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(message(bash(forks)), message(bash(swallow)), say("Done."))) {
      LocalRunner runner =
          new LocalRunner(
              AgentRegistry.load(),
              LocalRunner.defaultCacheDir(),
              System.getenv("PATH"),
              96,
              1L << 30);
      int status =
          runner.run(
              LocalRunFixture.options(server, "Take everything.", Optional.empty()),
              new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
              new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true),
              false);

      String errors = err.toString(StandardCharsets.UTF_8);
      assertThat(status).as("%s%n%s", errors, out.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(server.requests()).hasSize(3);
      assertThat(server.requests().get(1).body().toString()).contains("forked");
      assertThat(server.requests().get(2).body().toString()).contains("swallowed 137");
      assertThat(errors)
          .contains(
              "warning: the run reached its limit of 96 processes and its memory limit of 1024"
                  + " MiB: what the agent started beyond it was refused or killed");
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

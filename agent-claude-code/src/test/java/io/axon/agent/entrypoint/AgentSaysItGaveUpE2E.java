package io.axon.agent.entrypoint;

import static io.axon.agent.testing.ModelReply.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.spi.agent.RunResult;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entrypoint and the genuine Claude Code CLI, told through its instructions file how to
 * say it gave up or needs input: a final message ending with {@code AXON-RESULT: gave-up <why>} or
 * {@code AXON-RESULT: needs-input <question>} fails the run with that reason and those words.
 */
class AgentSaysItGaveUpE2E {
  @TempDir Path tmp;
  private GitRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    assertThat(EntrypointProcess.exists()).as("run `mvn package` first").isTrue();
    repo = GitRepo.create(tmp.resolve("repo"));
  }

  private EntrypointProcess.Outcome run(ScriptedAnthropicServer server) throws Exception {
    return new EntrypointProcess(tmp, repo.dir(), server.baseUrl(), "Upgrade the build to Java 25.")
        .with("CLAUDE_CODE_MAX_RETRIES", "0")
        .run();
  }

  /** The model saw the paragraph that tells it the marker, beside the prompt, not inside it. */
  private static void assertTheModelWasTold(ScriptedAnthropicServer server) {
    assertThat(server.requests()).isNotEmpty();
    ScriptedAnthropicServer.Request first = server.requests().get(0);
    assertThat(first.body().toString()).contains("AXON-RESULT: needs-input <your question>");
    assertThat(first.userTexts()).contains("Upgrade the build to Java 25.");
  }

  @Test
  void aFinalMessageEndingWithTheGaveUpMarkerFailsTheRunAsGaveUpWithTheWhy() throws Exception {
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            say(
                "I looked for a build file.\n\n"
                    + "AXON-RESULT: gave-up the repository has no build file to upgrade"))) {
      EntrypointProcess.Outcome run = run(server);

      assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      assertThat(summary.reason()).isEqualTo("gave_up");
      assertThat(summary.message()).isEqualTo("the repository has no build file to upgrade");
      assertThat(summary.turns()).isEqualTo(1);
      assertThat(summary.costUSD()).isPositive();
      assertThat(summary.branch()).isEqualTo("main");
      assertTheModelWasTold(server);
    }
  }

  @Test
  void aFinalMessageEndingWithTheNeedsInputMarkerFailsTheRunAsNeedsInputWithTheQuestion()
      throws Exception {
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            say(
                "There are two build files.\n"
                    + "AXON-RESULT: needs-input Should I upgrade pom.xml or build.gradle?\n"))) {
      EntrypointProcess.Outcome run = run(server);

      assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      assertThat(summary.reason()).isEqualTo("needs_input");
      assertThat(summary.message()).isEqualTo("Should I upgrade pom.xml or build.gradle?");
      assertTheModelWasTold(server);
    }
  }
}

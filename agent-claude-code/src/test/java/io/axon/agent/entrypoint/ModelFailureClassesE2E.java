package io.axon.agent.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.spi.agent.RunResult;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entrypoint and the genuine Claude Code CLI against a model API that fails: the summary
 * names the failure class the Task's status reports ({@code ModelAuthFailed}, {@code
 * ModelRateLimited}, {@code ModelUnavailable}), so a retry policy can tell them apart.
 */
class ModelFailureClassesE2E {
  @TempDir Path tmp;
  private GitRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    assertThat(EntrypointProcess.exists()).as("run `mvn package` first").isTrue();
    repo = GitRepo.create(tmp.resolve("repo"));
  }

  private EntrypointProcess.Outcome run(ScriptedAnthropicServer server, String retries)
      throws Exception {
    return new EntrypointProcess(tmp, repo.dir(), server.baseUrl(), "Describe this repository.")
        .with("CLAUDE_CODE_MAX_RETRIES", retries)
        // A cut connection is seen at once; this only bounds a test that goes wrong.
        .with("API_TIMEOUT_MS", "60000")
        .run();
  }

  private static void assertFailedAs(EntrypointProcess.Outcome run, String reason)
      throws Exception {
    assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
    RunResult summary = run.summary();
    assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(summary.reason()).isEqualTo(reason);
  }

  @Test
  void http401IsModelAuthFailed() throws Exception {
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            new ModelReply.Error(401, "authentication_error", "invalid x-api-key"))) {
      EntrypointProcess.Outcome run = run(server, "0");

      assertFailedAs(run, "ModelAuthFailed");
      assertThat(run.summary().message()).contains("Invalid API key");
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void http429UntilTheClisRetriesGiveUpIsModelRateLimited() throws Exception {
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            new ModelReply.RetryableError(
                429, "rate_limit_error", "Number of requests has exceeded your rate limit"))) {
      EntrypointProcess.Outcome run = run(server, "2");

      assertFailedAs(run, "ModelRateLimited");
      assertThat(run.summary().message()).contains("429");
      assertThat(server.requests()).as("the first try and two retries").hasSize(3);
    }
  }

  @Test
  void http529OverloadedIsModelUnavailable() throws Exception {
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            new ModelReply.Error(529, "overloaded_error", "Overloaded"))) {
      EntrypointProcess.Outcome run = run(server, "0");

      assertFailedAs(run, "ModelUnavailable");
      assertThat(run.summary().message()).contains("529");
    }
  }

  @Test
  void aCutStreamWhoseFallbackIsCutTooIsModelUnavailable() throws Exception {
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(new ModelReply.Cut())) {
      EntrypointProcess.Outcome run = run(server, "0");

      assertFailedAs(run, "ModelUnavailable");
      assertThat(run.summary().message()).contains("Connection to the API was lost");
      assertThat(server.requests())
          .as("the stream, then the CLI's non-streaming fallback")
          .hasSize(2);
    }
  }
}

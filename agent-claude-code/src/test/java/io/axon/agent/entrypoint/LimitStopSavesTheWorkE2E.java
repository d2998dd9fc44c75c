package io.axon.agent.entrypoint;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitHttpServer;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.spi.agent.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entrypoint and the genuine Claude Code CLI against a scripted model that edits a file
 * every turn and never finishes: each limit stops the run, the work so far is committed to the
 * Task's WIP branch and pushed to a git remote on 127.0.0.1 (smart HTTP, token from the clone's
 * credential helper, as a pod has it), and the summary says which limit, the figures and the
 * branch.
 */
class LimitStopSavesTheWorkE2E {

  private static final String TOKEN = "limit-e2e-token";
  private static final String HELPER =
      "!f() { test \"$1\" = get || exit 0; echo username=x-access-token;"
          + " echo \"password=${GITHUB_TOKEN}\"; }; f";

  @TempDir Path tmp;
  private GitHttpServer remote;
  private GitRepo origin;
  private GitRepo workspace;

  @BeforeEach
  void setUp() throws Exception {
    assertThat(EntrypointProcess.exists()).as("run `mvn package` first").isTrue();
    GitRepo seed = GitRepo.create(tmp.resolve("seed"));
    Path served = tmp.resolve("served");
    seed.git("clone", "-q", "--bare", seed.dir().toString(), served.resolve("repo.git").toString());
    origin = GitRepo.open(served.resolve("repo.git"));
    remote = new GitHttpServer(served, TOKEN);
    // The clone as the pod's clone step makes it: the token only in the repository's own config.
    GitRepo.open(tmp)
        .git(
            "-c",
            "credential.helper=",
            "-c",
            "credential.helper=" + HELPER.replace("${GITHUB_TOKEN}", TOKEN),
            "clone",
            "-q",
            remote.url("repo.git"),
            tmp.resolve("workspace").toString());
    workspace = GitRepo.open(tmp.resolve("workspace"));
    workspace.git("config", "credential.helper", "");
    workspace.git("config", "--add", "credential.helper", HELPER);
  }

  @AfterEach
  void tearDown() {
    if (remote != null) {
      remote.close();
    }
  }

  /** Every turn appends a line to work.txt and asks for more: a run that never ends by itself. */
  private static ScriptedAnthropicServer endlessEdits() throws Exception {
    return ScriptedAnthropicServer.start(
        (turn, request) ->
            message(text("Adding line " + turn + "."), bash("echo line " + turn + " >> work.txt")));
  }

  private EntrypointProcess entrypoint(ScriptedAnthropicServer server) throws Exception {
    return new EntrypointProcess(tmp, workspace.dir(), server.baseUrl(), "Keep adding lines.")
        .with("GITHUB_TOKEN", TOKEN)
        .with("AXON_TASK_NAME", "fix-42");
  }

  @Test
  void maxTurnsStopsTheRunAndTheWorkIsPushedToTheWipBranch() throws Exception {
    try (ScriptedAnthropicServer server = endlessEdits()) {
      EntrypointProcess.Outcome run = entrypoint(server).with("AXON_MAX_TURNS", "3").run();

      assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      assertThat(summary.reason()).isEqualTo("limit_reached");
      assertThat(summary.limit()).isEqualTo("maxTurns");
      assertThat(summary.branch()).isEqualTo("axon/fix-42-wip");
      assertThat(summary.turns()).isPositive();
      assertThat(summary.costUSD()).isPositive();
      assertThat(summary.message())
          .startsWith("stopped at the limit maxTurns 3 (")
          .contains("pushed to origin");
      assertPushed(summary, "line 0\nline 1\nline 2");
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void maxCostUsdStopsTheRunAndTheWorkIsPushedToTheWipBranch() throws Exception {
    // The scripted model's first turn costs about $0.054, each later one about $0.006.
    try (ScriptedAnthropicServer server = endlessEdits()) {
      EntrypointProcess.Outcome run = entrypoint(server).with("AXON_MAX_COST_USD", "0.07").run();

      assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.reason()).isEqualTo("limit_reached");
      assertThat(summary.limit()).isEqualTo("maxCostUSD");
      assertThat(summary.costUSD()).isGreaterThanOrEqualTo(0.07).isLessThan(0.09);
      assertThat(summary.message()).startsWith("stopped at the limit maxCostUSD $0.07 (");
      assertThat(summary.branch()).isEqualTo("axon/fix-42-wip");
      assertPushed(summary, null);
      assertThat(origin.git("show", summary.commit() + ":work.txt")).startsWith("line 0\nline 1");
    }
  }

  @Test
  void maxOutputTokensIsWatchedByTheEntrypointWhichInterruptsTheAgent() throws Exception {
    // The CLI has no flag for it: the entrypoint counts (about 30 output tokens a turn here).
    try (ScriptedAnthropicServer server = endlessEdits()) {
      EntrypointProcess.Outcome run =
          entrypoint(server).with("AXON_MAX_OUTPUT_TOKENS", "100").run();

      assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
      assertThat(run.stderr()).contains("reached its limit maxOutputTokens 100");
      RunResult summary = run.summary();
      assertThat(summary.reason()).isEqualTo("limit_reached");
      assertThat(summary.limit()).isEqualTo("maxOutputTokens");
      assertThat(summary.outputTokens()).isPositive();
      assertThat(summary.message()).startsWith("stopped at the limit maxOutputTokens 100 (");
      assertPushed(summary, null);
      assertThat(origin.git("show", summary.commit() + ":work.txt")).startsWith("line 0\nline 1");
    }
  }

  @Test
  void maxDurationInterruptsALongToolCallAndKeepsWhatItWrote() throws Exception {
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            message(text("Working slowly."), bash("echo partial > slow.txt && sleep 120")))) {
      Instant start = Instant.now();
      // Long enough for the CLI to reach the tool call on a loaded machine; far below the sleep.
      EntrypointProcess.Outcome run =
          entrypoint(server).with("AXON_MAX_DURATION_SECONDS", "15").run();

      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(60));
      assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.reason()).isEqualTo("limit_reached");
      assertThat(summary.limit()).isEqualTo("maxDuration");
      assertThat(summary.message()).startsWith("stopped at the limit maxDuration 15s (");
      assertThat(origin.git("show", summary.commit() + ":slow.txt")).isEqualTo("partial");
      assertThat(origin.git("rev-parse", "refs/heads/axon/fix-42-wip")).isEqualTo(summary.commit());
    }
  }

  @Test
  void aSigtermAsAtThePodsDeadlineSavesTheWorkToo() throws Exception {
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            message(text("Working slowly."), bash("echo partial > slow.txt && sleep 120")))) {
      EntrypointProcess entrypoint = entrypoint(server);
      Process process = entrypoint.start();
      process.getOutputStream().close();
      Path written = workspace.dir().resolve("slow.txt");
      awaitCreated(written, Duration.ofSeconds(60));
      assertThat(written).as("the agent's tool ran").exists();

      process.destroy(); // SIGTERM, as the kubelet sends at activeDeadlineSeconds

      assertThat(process.waitFor()).isEqualTo(143);
      RunResult summary =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readValue(entrypoint.resultPath().toFile(), RunResult.class);
      assertThat(summary.reason()).isEqualTo("terminated");
      assertThat(summary.branch()).isEqualTo("axon/fix-42-wip");
      assertThat(summary.wipBranch()).isEqualTo("axon/fix-42-wip");
      assertThat(summary.message()).contains("pushed to origin");
      assertThat(origin.git("show", summary.commit() + ":slow.txt")).isEqualTo("partial");
    }
  }

  /** The remote's WIP branch is the summary's commit, on top of main, with the work in it. */
  private void assertPushed(RunResult summary, String workTxt) throws Exception {
    assertThat(summary.commit()).isNotNull();
    assertThat(summary.wipBranch())
        .as("pushed, so a retry can start from it")
        .isEqualTo(summary.branch());
    assertThat(origin.git("rev-parse", "refs/heads/axon/fix-42-wip")).isEqualTo(summary.commit());
    assertThat(origin.git("rev-parse", summary.commit() + "^"))
        .isEqualTo(origin.git("rev-parse", "refs/heads/main"));
    if (workTxt != null) {
      assertThat(origin.git("show", summary.commit() + ":work.txt")).isEqualTo(workTxt);
    }
    // The agent's checkout is left as it was: still on main, the work uncommitted there.
    assertThat(workspace.git("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");
    assertThat(workspace.git("status", "--porcelain")).contains("work.txt");
  }

  /** Waits on the file system's own notice that the file was made, not on a clock. */
  private static void awaitCreated(Path file, Duration timeout) throws Exception {
    try (java.nio.file.WatchService watch = file.getFileSystem().newWatchService()) {
      file.getParent().register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
      Instant deadline = Instant.now().plus(timeout);
      while (!java.nio.file.Files.exists(file)) {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative()) {
          return; // the assertion that follows says what was missing
        }
        java.nio.file.WatchKey key =
            watch.poll(left.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    }
  }
}

package io.axon.agent.entrypoint;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitHttpServer;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.spi.agent.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entrypoint and the genuine Claude Code CLI with {@code AXON_BRANCH} (a Task's {@code
 * spec.branch}): the entrypoint puts the workspace on the branch (new from the checked-out ref, or
 * origin's), the agent only commits, and the entrypoint pushes the commits to a git remote on
 * 127.0.0.1 (smart HTTP, token from the clone's credential helper, as a pod has it). Two runs on
 * one branch are a pipeline: the second builds on the first's commit.
 */
class TaskBranchIsPushedE2E {

  private static final String TOKEN = "branch-e2e-token";
  private static final String BRANCH = "pipeline/feature";
  private static final String HELPER =
      "!f() { test \"$1\" = get || exit 0; echo username=x-access-token;"
          + " echo \"password=${GITHUB_TOKEN}\"; }; f";

  @TempDir Path tmp;
  private GitHttpServer remote;
  private GitRepo seed;
  private GitRepo origin;

  @BeforeEach
  void setUp() throws Exception {
    assertThat(EntrypointProcess.exists()).as("run `mvn package` first").isTrue();
    seed = GitRepo.create(tmp.resolve("seed"));
    Path served = tmp.resolve("served");
    seed.git("clone", "-q", "--bare", seed.dir().toString(), served.resolve("repo.git").toString());
    origin = GitRepo.open(served.resolve("repo.git"));
    remote = new GitHttpServer(served, TOKEN);
  }

  @AfterEach
  void tearDown() {
    if (remote != null) {
      remote.close();
    }
  }

  /** A fresh clone of main, as the pod's clone step makes it without a branch. */
  private GitRepo cloneMain(String name) throws IOException {
    Path dir = tmp.resolve(name);
    GitRepo.open(tmp)
        .git(
            "-c",
            "credential.helper=",
            "-c",
            "credential.helper=" + HELPER.replace("${GITHUB_TOKEN}", TOKEN),
            "clone",
            "-q",
            remote.url("repo.git"),
            dir.toString());
    GitRepo workspace = GitRepo.open(dir);
    workspace.git("config", "credential.helper", "");
    workspace.git("config", "--add", "credential.helper", HELPER);
    return workspace;
  }

  private EntrypointProcess.Outcome run(
      String name, GitRepo workspace, ScriptedAnthropicServer server) throws Exception {
    return new EntrypointProcess(
            tmp.resolve("run-" + name), workspace.dir(), server.baseUrl(), "Do it.")
        .with("GITHUB_TOKEN", TOKEN)
        .with("AXON_TASK_NAME", name)
        .with(TaskBranch.BRANCH, BRANCH)
        .run();
  }

  private static ScriptedAnthropicServer commits(String file) throws IOException {
    return ScriptedAnthropicServer.start(
        message(
            text("Writing " + file + "."),
            bash(
                "echo "
                    + file
                    + " > "
                    + file
                    + " && git add "
                    + file
                    + " && git commit -qm "
                    + file)),
        say("Committed " + file + "."));
  }

  @Test
  void aNewBranchIsCreatedFromTheRefAndTheAgentsCommitIsPushedToIt() throws Exception {
    GitRepo workspace = cloneMain("scaffold");
    try (ScriptedAnthropicServer server = commits("app.txt")) {
      EntrypointProcess.Outcome run = run("scaffold", workspace, server);

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(run.stderr())
          .contains("axon-agent: created branch " + BRANCH)
          .contains("axon-agent: pushed branch " + BRANCH);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
      assertThat(summary.branch()).isEqualTo(BRANCH);
      assertThat(origin.git("rev-parse", "refs/heads/" + BRANCH)).isEqualTo(summary.commit());
      assertThat(origin.git("rev-parse", summary.commit() + "^"))
          .as("the branch starts at the ref the workspace had checked out")
          .isEqualTo(origin.git("rev-parse", "refs/heads/main"));
      assertThat(origin.git("show", summary.commit() + ":app.txt")).isEqualTo("app.txt");
    }
  }

  @Test
  void aSecondTaskOnTheBranchBuildsOnTheFirstsCommit() throws Exception {
    String first;
    try (ScriptedAnthropicServer server = commits("app.txt")) {
      EntrypointProcess.Outcome run = run("scaffold", cloneMain("scaffold"), server);
      assertThat(run.exit()).as(run.stderr()).isZero();
      first = run.summary().commit();
    }
    try (ScriptedAnthropicServer server = commits("test.txt")) {
      EntrypointProcess.Outcome run = run("tests", cloneMain("tests"), server);

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(run.stderr()).contains("axon-agent: on branch " + BRANCH + " of the repository");
      RunResult summary = run.summary();
      assertThat(origin.git("rev-parse", "refs/heads/" + BRANCH)).isEqualTo(summary.commit());
      assertThat(origin.git("rev-parse", summary.commit() + "^")).isEqualTo(first);
      assertThat(origin.git("ls-tree", "--name-only", summary.commit()))
          .contains("app.txt", "test.txt");
    }
  }

  @Test
  void aBranchThatMovedOnOriginIsNotOverwrittenAndTheRunSaysSo() throws Exception {
    GitRepo workspace = cloneMain("scaffold");
    // While the agent works, someone else pushes to the branch: the entrypoint must not force.
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            (turn, request) -> {
              if (turn == 0) {
                return message(
                    text("Writing app.txt."),
                    bash("echo app > app.txt && git add app.txt && git commit -qm app"));
              }
              pushElsewhere();
              return say("Committed app.txt.");
            })) {
      EntrypointProcess.Outcome run = run("scaffold", workspace, server);

      assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      assertThat(summary.reason()).isEqualTo("push_failed");
      assertThat(summary.message())
          .startsWith("the agent succeeded, but could not push branch " + BRANCH)
          .contains("rejected");
      assertThat(origin.git("log", "-1", "--format=%s", "refs/heads/" + BRANCH))
          .isEqualTo("someone else");
    }
  }

  private void pushElsewhere() {
    try {
      if (seed.git("branch", "--list", "other").isEmpty()) {
        seed.git("checkout", "-q", "-b", "other");
        seed.git("commit", "-q", "--allow-empty", "-m", "someone else");
        seed.git("push", "-q", origin.dir().toString(), "other:refs/heads/" + BRANCH);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

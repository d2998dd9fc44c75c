package io.axon.cli;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code axon run --local --branch} puts the real Claude Code CLI on the source repository's
 * existing branch (not its default branch), and the agent's commit stays on that branch in the kept
 * workspace while the source repository is left as it was.
 */
class RunLocalKeepsItsBranchE2E {
  private static final String MODEL = "claude-sonnet-4-20250514";
  private static final Pattern WORKSPACE = Pattern.compile("(?m)^Workspace: (\\S+) ");

  @TempDir Path home;
  @TempDir Path tmp;
  private Path keptWorkspace;

  @AfterEach
  void removeKeptRun() throws IOException {
    if (keptWorkspace != null) {
      try (Stream<Path> files = Files.walk(keptWorkspace.getParent())) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  @Test
  void theAgentWorksOnTheNamedBranchAndTheWorkspaceKeepsIt() throws Exception {
    GitRepo source = GitRepo.create(tmp.resolve("source"));
    source.git("checkout", "-q", "-b", "feature");
    Files.writeString(source.dir().resolve("feature.txt"), "from the feature branch\n");
    source.git("add", "feature.txt");
    source.git("commit", "-q", "-m", "Start the feature");
    String featureTip = source.git("rev-parse", "feature");
    source.git("checkout", "-q", "-");
    String defaultBranch = source.git("symbolic-ref", "--short", "HEAD");
    assertThat(defaultBranch).isNotEqualTo("feature");

    // The agent sees the branch's file, so it is on the branch before it starts.
    String command =
        "cat feature.txt > seen.txt && git add seen.txt && git commit -q -m 'Add seen'";
    Files.createDirectories(home.resolve(".axon"));
    Files.writeString(
        home.resolve(".axon/config.yaml"), "apiKey: sk-from-config\nmodel: " + MODEL + "\n");
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            message(text("Recording the file."), bash(command)), say("Committed seen.txt."))) {
      Cli.Result result =
          new Cli((kubeconfig, context) -> null, home)
              .env("ANTHROPIC_BASE_URL", server.baseUrl())
              .env("PATH", System.getenv("PATH"))
              .run(
                  "run",
                  "--local",
                  "-p",
                  "Record feature.txt in seen.txt and commit it.",
                  "--workspace",
                  source.dir().toString(),
                  "--branch",
                  "feature");
      Matcher kept = WORKSPACE.matcher(result.out());
      if (kept.find()) {
        keptWorkspace = Path.of(kept.group(1));
      }

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.out())
          .contains("Outcome:   Succeeded (completed)\n")
          .contains("Branch:    feature\n");
      assertThat(keptWorkspace).as(result.toString()).isNotNull();
      GitRepo workspace = GitRepo.open(keptWorkspace);
      assertThat(workspace.git("symbolic-ref", "--short", "HEAD")).isEqualTo("feature");
      assertThat(workspace.git("log", "-1", "--format=%s")).isEqualTo("Add seen");
      assertThat(workspace.git("rev-parse", "HEAD~1")).isEqualTo(featureTip);
      assertThat(keptWorkspace.resolve("seen.txt")).hasContent("from the feature branch");
    }
    // Not pushed: the source repository's branch and checkout are as they were.
    assertThat(source.git("rev-parse", "feature")).isEqualTo(featureTip);
    assertThat(source.git("symbolic-ref", "--short", "HEAD")).isEqualTo(defaultBranch);
  }
}

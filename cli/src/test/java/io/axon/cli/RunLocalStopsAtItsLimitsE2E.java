package io.axon.cli;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
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
 * {@code axon run --local --max-cost-usd}: the real Claude Code CLI in the sandbox, a scripted
 * model that edits a file every turn and never finishes; the cost limit stops it, the summary says
 * which limit and where the work so far is: a branch in the kept workspace.
 */
class RunLocalStopsAtItsLimitsE2E {
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
  void theCostLimitStopsTheRunAndTheWorkSoFarIsOnABranch() throws Exception {
    GitRepo source = GitRepo.create(tmp.resolve("source"));
    Files.createDirectories(home.resolve(".axon"));
    Files.writeString(home.resolve(".axon/config.yaml"), "apiKey: sk-from-config\n");
    // The scripted model's first turn costs about $0.054, each later one about $0.006.
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            (turn, request) ->
                message(text("Line " + turn + "."), bash("echo line " + turn + " >> work.txt")))) {
      Cli.Result result =
          new Cli((kubeconfig, context) -> null, home)
              .env("ANTHROPIC_BASE_URL", server.baseUrl())
              .env("PATH", System.getenv("PATH"))
              .run(
                  "run",
                  "--local",
                  "-p",
                  "Keep adding lines.",
                  "--workspace",
                  source.dir().toString(),
                  "--model",
                  "claude-sonnet-4-20250514",
                  "--max-cost-usd",
                  "0.07",
                  "--max-output-tokens",
                  "100000");
      Matcher kept = WORKSPACE.matcher(result.out());
      if (kept.find()) {
        keptWorkspace = Path.of(kept.group(1));
      }

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.out())
          .contains("Outcome:   Failed (limit_reached)\n")
          .contains("Message:   stopped at the limit maxCostUSD $0.07 (")
          .contains("Branch:    axon/wip\n")
          .contains("in the workspace; pushing it to origin failed: fatal: ");
      assertThat(keptWorkspace).as(result.toString()).isNotNull();
      GitRepo workspace = GitRepo.open(keptWorkspace);
      assertThat(workspace.git("show", "axon/wip:work.txt")).startsWith("line 0\nline 1\nline 2");
      assertThat(workspace.git("log", "-1", "--format=%s", "axon/wip"))
          .isEqualTo("WIP: stopped at the limit maxCostUSD $0.07");
    }
  }
}

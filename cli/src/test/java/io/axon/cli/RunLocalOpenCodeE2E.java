package io.axon.cli;

import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code axon run --local --type opencode} as a user types it: the real OpenCode CLI in the sandbox
 * (installed on first use), {@code ANTHROPIC_API_KEY} and {@code ANTHROPIC_BASE_URL} from the
 * environment, the scripted Anthropic API on 127.0.0.1, and the seed's log format on the output.
 */
class RunLocalOpenCodeE2E {
  private static final String MODEL = "claude-sonnet-4-5";
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
  void runsOpenCodeInTheSandboxAndPrintsTheSeedsLogFormat() throws Exception {
    GitRepo source = GitRepo.create(tmp.resolve("source"));
    String command = "echo hi > hi.txt && git add hi.txt && git commit -q -m 'Add hi'";
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            message(
                text("Adding hi.txt."),
                new ModelReply.ToolUseBlock(
                    "bash", Map.of("command", command, "description", "Commit hi.txt"))),
            say("Committed hi.txt."))) {
      Cli.Result result =
          new Cli((kubeconfig, context) -> null, home)
              .env("ANTHROPIC_BASE_URL", server.baseUrl())
              .env("ANTHROPIC_API_KEY", "sk-from-env")
              .env("PATH", System.getenv("PATH"))
              .run(
                  "run",
                  "--local",
                  "--type",
                  "opencode",
                  "--model",
                  MODEL,
                  "-p",
                  "Add hi.txt and commit it.",
                  "--workspace",
                  source.dir().toString());
      Matcher kept = WORKSPACE.matcher(result.out());
      if (kept.find()) {
        keptWorkspace = Path.of(kept.group(1));
      }

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.out())
          .startsWith(
              "[init] model=anthropic/"
                  + MODEL
                  + "\n--- Turn 1 ---\nAdding hi.txt.\n[tool] Bash: "
                  + command
                  + "\n--- Turn 2 ---\nCommitted hi.txt.\n[result] completed (2 turns, $")
          .contains("Outcome:   Succeeded (completed)\n");
      assertThat(server.requests()).hasSize(2);
      assertThat(GitRepo.open(keptWorkspace).git("log", "-1", "--format=%s")).isEqualTo("Add hi");
    }
  }
}

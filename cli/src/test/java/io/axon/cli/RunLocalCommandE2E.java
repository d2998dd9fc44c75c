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
 * {@code axon run --local} as a user types it: the command line, the config file's {@code apiKey}
 * and {@code model}, the real Claude Code CLI in the sandbox, a scripted model on 127.0.0.1, and
 * everything it prints on the command's own output streams.
 */
class RunLocalCommandE2E {
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
  void runsTheAgentWithTheConfigFilesKeyAndPrintsTheSeedsLogFormat() throws Exception {
    GitRepo source = GitRepo.create(tmp.resolve("source"));
    String command = "echo hi > hi.txt && git add hi.txt && git commit -q -m 'Add hi'";
    Files.createDirectories(home.resolve(".axon"));
    Files.writeString(
        home.resolve(".axon/config.yaml"), "apiKey: sk-from-config\nmodel: " + MODEL + "\n");
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            message(text("Adding hi.txt."), bash(command)), say("Committed hi.txt."))) {
      Cli.Result result =
          new Cli((kubeconfig, context) -> null, home)
              .env("ANTHROPIC_BASE_URL", server.baseUrl())
              .env("PATH", System.getenv("PATH"))
              .run(
                  "run",
                  "--local",
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
              "[init] model="
                  + MODEL
                  + "\n--- Turn 1 ---\nAdding hi.txt.\n[tool] Bash: "
                  + command
                  + "\n--- Turn 2 ---\nCommitted hi.txt.\n[result] completed (2 turns, $")
          .contains("Outcome:   Succeeded (completed)\n");
      assertThat(server.requests()).isNotEmpty();
      // The config file's key reached the model, as the agent's own credential variable.
      assertThat(server.requests().get(0).headers().entrySet())
          .filteredOn(header -> header.getKey().equalsIgnoreCase("x-api-key"))
          .singleElement()
          .satisfies(header -> assertThat(header.getValue()).containsExactly("sk-from-config"));
      assertThat(GitRepo.open(keptWorkspace).git("log", "-1", "--format=%s")).isEqualTo("Add hi");
    }
  }
}

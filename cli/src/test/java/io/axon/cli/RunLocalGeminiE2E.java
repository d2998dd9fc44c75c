package io.axon.cli;

import static io.axon.agent.gemini.testing.ScriptedGeminiServer.respond;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.say;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.shell;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.gemini.testing.ScriptedGeminiServer;
import io.axon.agent.testing.GitRepo;
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
 * {@code axon run --local --type gemini} as a user types it: the real Gemini CLI in the sandbox
 * (installed on first use), {@code GEMINI_API_KEY} and {@code GOOGLE_GEMINI_BASE_URL} from the
 * environment, a scripted Gemini API on 127.0.0.1 that the sandbox lets through, and the seed's log
 * format on the command's output.
 */
class RunLocalGeminiE2E {
  private static final String MODEL = "gemini-2.5-pro";
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
  void runsGeminiInTheSandboxAndPrintsTheSeedsLogFormat() throws Exception {
    GitRepo source = GitRepo.create(tmp.resolve("source"));
    String command = "echo hi > hi.txt && git add hi.txt && git commit -q -m 'Add hi'";
    try (ScriptedGeminiServer server =
        ScriptedGeminiServer.start(
            respond(text("Adding hi.txt."), shell(command)), say("Committed hi.txt."))) {
      Cli.Result result =
          new Cli((kubeconfig, context) -> null, home)
              .env("GOOGLE_GEMINI_BASE_URL", server.baseUrl())
              .env("GEMINI_API_KEY", "key-from-env")
              .env("PATH", System.getenv("PATH"))
              .run(
                  "run",
                  "--local",
                  "--type",
                  "gemini",
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
              "[init] model="
                  + MODEL
                  + "\n--- Turn 1 ---\nAdding hi.txt.\n[tool] Bash: "
                  + command
                  + "\n--- Turn 2 ---\nCommitted hi.txt.\n[result] completed (2 turns)\n")
          .contains("Outcome:   Succeeded (completed)\n");
      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(0).apiKey()).isEqualTo("key-from-env");
      assertThat(GitRepo.open(keptWorkspace).git("log", "-1", "--format=%s")).isEqualTo("Add hi");
    }
  }
}

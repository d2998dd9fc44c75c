package io.axon.cli;

import static io.axon.agent.codex.testing.ScriptedOpenAiServer.exec;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.respond;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.say;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.codex.testing.ScriptedOpenAiServer;
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
 * {@code axon run --local --type codex} in the sandbox goes through the in-process gateway: the
 * real Codex CLI's environment (dumped by a scripted tool call) holds a per-run token as {@code
 * OPENAI_API_KEY} and the gateway as {@code OPENAI_BASE_URL}, never the real key, and the scripted
 * Responses API receives the real key on every streamed request.
 */
class RunLocalCodexHoldsOnlyAGatewayTokenE2E {
  /**
   * Every sandbox process's environment (the agent CLI filters its tools' own environment, so
   * {@code env} alone would not show its key), then the tool's.
   */
  static final String DUMP =
      "for f in /proc/[0-9]*/environ; do tr '\\0' '\\n' < $f; done 2>/dev/null | sort -u;"
          + " env | sort; echo dumped";

  static final String REAL_KEY = "sk-proj-local-real-openai-key";

  private static final Pattern WORKSPACE = Pattern.compile("(?m)^Workspace: (/\\S+) ");

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
  void theSandboxHoldsOnlyAPerRunToken() throws Exception {
    GitRepo source = GitRepo.create(tmp.resolve("source"));
    try (ScriptedOpenAiServer server =
        ScriptedOpenAiServer.start(
            respond(text("Showing the environment."), exec(DUMP)), say("Done."))) {
      Cli.Result result =
          new Cli((kubeconfig, context) -> null, home)
              .env("OPENAI_BASE_URL", server.baseUrl())
              .env("OPENAI_API_KEY", REAL_KEY)
              .env("PATH", System.getenv("PATH"))
              .run(
                  "run",
                  "--local",
                  "--type",
                  "codex",
                  "--model",
                  "gpt-5.5",
                  "-p",
                  "Show the environment.",
                  "--workspace",
                  source.dir().toString());
      Matcher kept = WORKSPACE.matcher(result.out());
      if (kept.find()) {
        keptWorkspace = Path.of(kept.group(1));
      }

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(server.requests()).hasSize(2);
      for (ScriptedOpenAiServer.Request request : server.requests()) {
        assertThat(request.authorization()).isEqualTo("Bearer " + REAL_KEY);
        assertThat(request.path()).isEqualTo("/v1/responses");
      }
      String dumped = server.requests().get(1).body().toString();
      assertThat(dumped)
          .contains("dumped")
          .contains("OPENAI_API_KEY=axgw_local_run_")
          .containsPattern("OPENAI_BASE_URL=http://127\\.0\\.0\\.1:[0-9]+/openai")
          .doesNotContain(REAL_KEY)
          .doesNotContain(server.baseUrl());
    }
  }
}

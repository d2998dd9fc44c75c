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
 * {@code axon run --local --type gemini} in the sandbox goes through the in-process gateway: the
 * real Gemini CLI's environment (dumped by a scripted tool call) holds a per-run token as {@code
 * GEMINI_API_KEY} and the gateway as {@code GOOGLE_GEMINI_BASE_URL}, never the real key, and the
 * scripted Gemini API receives the real key ({@code x-goog-api-key}) on every streamed request.
 */
class RunLocalGeminiHoldsOnlyAGatewayTokenE2E {
  /**
   * Every sandbox process's environment (the agent CLI filters its tools' own environment, so
   * {@code env} alone would not show its key), then the tool's.
   */
  static final String DUMP =
      "for f in /proc/[0-9]*/environ; do tr '\\0' '\\n' < $f; done 2>/dev/null | sort -u;"
          + " env | sort; echo dumped";

  static final String REAL_KEY = "AIza-local-real-gemini-key";

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
    try (ScriptedGeminiServer server =
        ScriptedGeminiServer.start(
            respond(text("Showing the environment."), shell(DUMP)), say("Done."))) {
      Cli.Result result =
          new Cli((kubeconfig, context) -> null, home)
              .env("GOOGLE_GEMINI_BASE_URL", server.baseUrl())
              .env("GEMINI_API_KEY", REAL_KEY)
              .env("PATH", System.getenv("PATH"))
              .run(
                  "run",
                  "--local",
                  "--type",
                  "gemini",
                  "--model",
                  "gemini-2.5-pro",
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
      for (ScriptedGeminiServer.Request request : server.requests()) {
        assertThat(request.apiKey()).isEqualTo(REAL_KEY);
        assertThat(request.uri())
            .startsWith("/v1beta/models/gemini-2.5-pro:")
            .doesNotContain("key=");
      }
      String dumped = server.requests().get(1).body().toString();
      assertThat(dumped)
          .contains("dumped")
          .contains("GEMINI_API_KEY=axgw_local_run_")
          .containsPattern("GOOGLE_GEMINI_BASE_URL=http://127\\.0\\.0\\.1:[0-9]+/gemini")
          .doesNotContain(REAL_KEY)
          .doesNotContain(server.baseUrl());
    }
  }
}

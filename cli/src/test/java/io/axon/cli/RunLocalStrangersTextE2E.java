package io.axon.cli;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ScriptedAnthropicServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * {@code axon run --local} with strangers' text, through the sandbox, the entrypoint and the real
 * Claude Code CLI against a scripted model: a prompt too long for a command line reaches the model
 * byte-exact, and what the model says reaches the terminal without escapes or hidden commands.
 */
class RunLocalStrangersTextE2E {
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

  private Cli.Result run(ScriptedAnthropicServer server, String stdin, String... args) {
    Cli.Result result =
        new Cli((kubeconfig, context) -> null, home)
            .env("ANTHROPIC_BASE_URL", server.baseUrl())
            .env("ANTHROPIC_API_KEY", "sk-test")
            .env("PATH", System.getenv("PATH"))
            .stdin(stdin)
            .run(args);
    Matcher kept = WORKSPACE.matcher(result.out());
    if (kept.find()) {
      keptWorkspace = Path.of(kept.group(1));
    }
    return result;
  }

  @Test
  void aPromptFileOverTheArgumentLimitReachesTheModelByteExact() throws Exception {
    StringBuilder prompt = new StringBuilder("-looks like a flag $(not run) `nor this`\n");
    for (int line = 0; prompt.length() < 150 * 1024; line++) {
      prompt.append("line ").append(line).append(": ünïcödé 日本語 🚀\t\"quoted\"\n");
    }
    Path file = Files.writeString(tmp.resolve("task.md"), prompt, StandardCharsets.UTF_8);
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(say("Understood."))) {
      Cli.Result result = run(server, "", "run", "--local", "--prompt-file", file.toString());

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(server.requests().get(0).userTexts()).contains(prompt.toString());
    }
  }

  @Test
  void theModelsEscapesAreStrippedAndAHiddenCommandLineIsShown() throws Exception {
    String esc = "\u001b";
    String command = "echo one\necho two\necho three";
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            message(
                text(esc + "]0;owned\u0007Hi " + esc + "[31mred" + esc + "[0m\n[result] fake"),
                bash(command)),
            say("Done."))) {
      Cli.Result result = run(server, "Say hi.", "run", "--local", "-p", "-");

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.out())
          .contains("\n]0;ownedHi [31mred[0m\n> [result] fake\n")
          .contains("\n[tool] Bash: echo one … (+2 lines)\n")
          .doesNotContain(esc)
          .doesNotContain("\u0007");
      assertThat(server.requests().get(0).userTexts()).contains("Say hi.");
    }
  }
}

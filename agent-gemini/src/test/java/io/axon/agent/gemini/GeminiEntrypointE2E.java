package io.axon.agent.gemini;

import static io.axon.agent.gemini.testing.ScriptedGeminiServer.respond;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.say;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.shell;
import static io.axon.agent.gemini.testing.ScriptedGeminiServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.agent.gemini.testing.ScriptedGeminiServer;
import io.axon.agent.testing.GitRepo;
import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gemini image's entrypoint jar running the genuine Gemini CLI (pinned version) against a
 * scripted Gemini API on 127.0.0.1, in a real git repository.
 */
class GeminiEntrypointE2E {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private GitRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    assertThat(GeminiEntrypointProcess.JAR).as("run `mvn package` first").exists();
    repo = GitRepo.create(tmp.resolve("repo"));
  }

  private GeminiEntrypointProcess entrypoint(ScriptedGeminiServer server, String prompt)
      throws Exception {
    return new GeminiEntrypointProcess(tmp, repo.dir(), server.baseUrl(), prompt);
  }

  private static List<AgentEvent> events(List<String> lines) {
    GeminiStreamJsonReader reader = new GeminiStreamJsonReader(Optional.empty());
    List<AgentEvent> events = new ArrayList<>();
    lines.forEach(line -> events.addAll(reader.read(line)));
    return events;
  }

  @Test
  void aShellCommandCommitsAndTheSummaryCarriesTurnsTokensAndGitState() throws Exception {
    String command = "echo hello > hello.txt && git add hello.txt && git commit -q -m 'Add hello'";
    try (ScriptedGeminiServer server =
        ScriptedGeminiServer.start(
            respond(text("I'll create hello.txt and commit it."), shell(command)),
            say("Done: hello.txt is committed."))) {
      GeminiEntrypointProcess.Outcome run =
          entrypoint(server, "Create hello.txt containing hello and commit it.").run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(repo.git("log", "-1", "--format=%s")).isEqualTo("Add hello");
      assertThat(repo.dir().resolve("hello.txt")).hasContent("hello");
      for (String line : run.lines()) {
        assertThat(JSON.readTree(line).path("type").asText()).isNotEmpty();
      }
      assertThat(events(run.lines()))
          .filteredOn(e -> !(e instanceof AgentEvent.Init) && !(e instanceof AgentEvent.Finished))
          .containsExactly(
              new AgentEvent.TurnStarted(1),
              new AgentEvent.Text("I'll create hello.txt and commit it."),
              new AgentEvent.ToolCall("Bash", command),
              new AgentEvent.TurnStarted(2),
              new AgentEvent.Text("Done: hello.txt is committed."));

      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
      assertThat(summary.reason()).isEqualTo("completed");
      assertThat(summary.message()).isEqualTo("Done: hello.txt is committed.");
      assertThat(summary.turns()).isEqualTo(2);
      assertThat(summary.costUSD()).isNull();
      assertThat(summary.inputTokens())
          .isEqualTo(ScriptedGeminiServer.inputTokens(0) + ScriptedGeminiServer.inputTokens(1));
      assertThat(summary.outputTokens())
          .isEqualTo(ScriptedGeminiServer.outputTokens(0) + ScriptedGeminiServer.outputTokens(1));
      assertThat(summary.model()).isEqualTo(GeminiEntrypointProcess.MODEL);
      assertThat(summary.durationMillis()).isPositive();
      assertThat(summary.branch()).isEqualTo("main");
      assertThat(summary.commit()).isEqualTo(repo.git("rev-parse", "HEAD"));

      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(0).apiKey()).isEqualTo("test-key");
      assertThat(server.requests().get(0).uri())
          .contains("/models/" + GeminiEntrypointProcess.MODEL + ":");
    }
  }

  @Test
  void anApiErrorFailsTheRunWithTheApisMessage() throws Exception {
    try (ScriptedGeminiServer server =
        ScriptedGeminiServer.start(
            new ScriptedGeminiServer.Error(400, "INVALID_ARGUMENT", "scripted outage for axon"))) {
      GeminiEntrypointProcess.Outcome run = entrypoint(server, "Describe this repository.").run();

      assertThat(run.exit()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      assertThat(summary.reason()).isEqualTo("api_error");
      assertThat(summary.message()).isEqualTo("400 INVALID_ARGUMENT: scripted outage for axon");
      assertThat(summary.commit()).isEqualTo(repo.git("rev-parse", "HEAD"));
    }
  }

  @Test
  void maxTurnsStopsTheAgent() throws Exception {
    try (ScriptedGeminiServer server = ScriptedGeminiServer.start(respond(shell("ls")))) {
      GeminiEntrypointProcess.Outcome run =
          entrypoint(server, "List the files, again and again.").with("AXON_MAX_TURNS", "2").run();

      assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      // spec.limits.maxTurns: the entrypoint's limit stops the agent and says so.
      assertThat(summary.reason()).isEqualTo("limit_reached");
      assertThat(summary.limit()).isEqualTo("maxTurns");
      assertThat(summary.message()).startsWith("stopped at the limit maxTurns 2 (");
      assertThat(summary.turns()).isEqualTo(2);
      // The script never stops calling tools: the run ended because the entrypoint stopped the
      // agent as its second tool round ended (a request or two may have been on their way).
      assertThat(server.requests()).hasSizeBetween(2, 4);
    }
  }

  @Test
  void thePromptReachesTheModelByteExact() throws Exception {
    Path marker = tmp.resolve("injected");
    String prompt =
        "-starts like a flag; $(touch "
            + marker
            + ") `touch "
            + marker
            + "` ${HOME} \"quoted\" 'single' @README.md\n\ttabbed — ünïcödé 日本語 🚀";
    try (ScriptedGeminiServer server = ScriptedGeminiServer.start(say("Understood."))) {
      GeminiEntrypointProcess.Outcome run = entrypoint(server, prompt).run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(server.requests().get(0).userTexts()).contains(prompt);
      assertThat(marker).doesNotExist();
    }
  }

  @Test
  void theAgentIsToldInItsInstructionsHowToSayItGaveUpAndSayingItFailsTheRun() throws Exception {
    String prompt = "Upgrade the build to Java 25.";
    try (ScriptedGeminiServer server =
        ScriptedGeminiServer.start(
            say("I looked.\nAXON-RESULT: gave-up the repository has no build file to upgrade"))) {
      GeminiEntrypointProcess.Outcome run = entrypoint(server, prompt).run();

      assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      assertThat(summary.reason()).isEqualTo("gave_up");
      assertThat(summary.message()).isEqualTo("the repository has no build file to upgrade");
      // Told through its GEMINI.md (the Gemini CLI read it), beside the byte-exact prompt.
      assertThat(server.requests().get(0).body().toString())
          .contains("AXON-RESULT: needs-input <your question>");
      assertThat(server.requests().get(0).userTexts()).contains(prompt);
    }
  }
}

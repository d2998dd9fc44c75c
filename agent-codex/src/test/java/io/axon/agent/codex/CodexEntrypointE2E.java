package io.axon.agent.codex;

import static io.axon.agent.codex.testing.ScriptedOpenAiServer.exec;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.respond;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.say;
import static io.axon.agent.codex.testing.ScriptedOpenAiServer.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.agent.codex.testing.ScriptedOpenAiServer;
import io.axon.agent.testing.GitRepo;
import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codex image's entrypoint jar running the genuine Codex CLI (pinned version) against a
 * scripted OpenAI Responses API on 127.0.0.1, in a real git repository.
 */
class CodexEntrypointE2E {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private GitRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    assertThat(CodexEntrypointProcess.JAR).as("run `mvn package` first").exists();
    repo = GitRepo.create(tmp.resolve("repo"));
  }

  private CodexEntrypointProcess entrypoint(ScriptedOpenAiServer server, String prompt)
      throws Exception {
    return new CodexEntrypointProcess(tmp, repo.dir(), server.baseUrl(), prompt);
  }

  private static List<AgentEvent> events(List<String> lines) {
    CodexJsonReader reader = new CodexJsonReader(Optional.empty(), Optional.empty());
    List<AgentEvent> events = new ArrayList<>();
    lines.forEach(line -> events.addAll(reader.read(line)));
    return events;
  }

  @Test
  void aCommandCommitsAndTheSummaryCarriesTurnsTokensAndGitState() throws Exception {
    String command = "echo hello > hello.txt && git add hello.txt && git commit -q -m 'Add hello'";
    try (ScriptedOpenAiServer server =
        ScriptedOpenAiServer.start(
            respond(text("I'll create hello.txt and commit it."), exec(command)),
            say("Done: hello.txt is committed."))) {
      CodexEntrypointProcess.Outcome run =
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
      assertThat(summary.costUSD()).isNull(); // Codex reports none
      assertThat(summary.inputTokens())
          .isEqualTo(ScriptedOpenAiServer.inputTokens(0) + ScriptedOpenAiServer.inputTokens(1));
      assertThat(summary.outputTokens())
          .isEqualTo(ScriptedOpenAiServer.outputTokens(0) + ScriptedOpenAiServer.outputTokens(1));
      assertThat(summary.model()).isEqualTo(CodexEntrypointProcess.MODEL);
      assertThat(summary.durationMillis()).isPositive();
      assertThat(summary.branch()).isEqualTo("main");
      assertThat(summary.commit()).isEqualTo(repo.git("rev-parse", "HEAD"));

      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer test-key");
      assertThat(server.requests().get(0).body().path("model").asText())
          .isEqualTo(CodexEntrypointProcess.MODEL);
      assertThat(server.requests().get(1).body().toString()).contains("function_call_output");
    }
  }

  @Test
  void anApiErrorFailsTheRunWithTheApisMessage() throws Exception {
    try (ScriptedOpenAiServer server =
        ScriptedOpenAiServer.start(
            new ScriptedOpenAiServer.Error(
                400, "invalid_request_error", "scripted outage for axon"))) {
      CodexEntrypointProcess.Outcome run = entrypoint(server, "Describe this repository.").run();

      assertThat(run.exit()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      assertThat(summary.reason()).isEqualTo("api_error");
      assertThat(summary.message()).isEqualTo("invalid_request_error: scripted outage for axon");
      assertThat(summary.commit()).isEqualTo(repo.git("rev-parse", "HEAD"));
    }
  }

  @Test
  void maxTurnsStopsTheAgent() throws Exception {
    try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start(respond(exec("ls")))) {
      CodexEntrypointProcess.Outcome run =
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
            + "` ${HOME} \"quoted\" 'single'\n\ttabbed — ünïcödé 日本語 🚀\n";
    try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start(say("Understood."))) {
      CodexEntrypointProcess.Outcome run = entrypoint(server, prompt).run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(server.requests().get(0).userTexts()).contains(prompt);
      assertThat(marker).doesNotExist();
      assertThat(Files.readString(tmp.resolve("home/.codex/config.toml")))
          .contains("base_url = \"" + server.baseUrl() + "\"");
    }
  }

  @Test
  void theAgentIsToldInItsInstructionsHowToSayItGaveUpAndSayingItFailsTheRun() throws Exception {
    String prompt = "Upgrade the build to Java 25.";
    try (ScriptedOpenAiServer server =
        ScriptedOpenAiServer.start(
            say("I looked.\nAXON-RESULT: gave-up the repository has no build file to upgrade"))) {
      CodexEntrypointProcess.Outcome run = entrypoint(server, prompt).run();

      assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      assertThat(summary.reason()).isEqualTo("gave_up");
      assertThat(summary.message()).isEqualTo("the repository has no build file to upgrade");
      // Told through its AGENTS.md (the Codex CLI read it), beside the byte-exact prompt.
      assertThat(server.requests().get(0).body().toString())
          .contains("AXON-RESULT: needs-input <your question>");
      assertThat(server.requests().get(0).userTexts()).contains(prompt);
    }
  }
}

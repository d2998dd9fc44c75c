package io.axon.agent.opencode;

import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opencode image's entrypoint jar running the genuine OpenCode CLI (pinned version) through its
 * Anthropic provider against the scripted Anthropic API on 127.0.0.1, in a real git repository.
 */
class OpenCodeEntrypointE2E {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private GitRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    assertThat(OpenCodeEntrypointProcess.JAR).as("run `mvn package` first").exists();
    repo = GitRepo.create(tmp.resolve("repo"));
  }

  /** OpenCode's shell tool is {@code bash}, lower case. */
  static ModelReply.ToolUseBlock bash(String command) {
    return new ModelReply.ToolUseBlock(
        "bash", Map.of("command", command, "description", "Run a command"));
  }

  private OpenCodeEntrypointProcess entrypoint(ScriptedAnthropicServer server, String prompt)
      throws Exception {
    return new OpenCodeEntrypointProcess(tmp, repo.dir(), server.baseUrl(), prompt);
  }

  private static List<AgentEvent> events(List<String> lines) {
    OpenCodeJsonReader reader = new OpenCodeJsonReader(Optional.empty(), Optional.empty());
    List<AgentEvent> events = new ArrayList<>();
    lines.forEach(line -> events.addAll(reader.read(line)));
    return events;
  }

  @Test
  void aBashCallCommitsAndTheSummaryCarriesTurnsTokensCostAndGitState() throws Exception {
    String command = "echo hello > hello.txt && git add hello.txt && git commit -q -m 'Add hello'";
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            message(text("I'll create hello.txt and commit it."), bash(command)),
            say("Done: hello.txt is committed."))) {
      OpenCodeEntrypointProcess.Outcome run =
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
      assertThat(summary.costUSD()).isPositive();
      assertThat(summary.inputTokens()).isEqualTo(server.usage().allInput());
      assertThat(summary.outputTokens()).isEqualTo(server.usage().output());
      assertThat(summary.model()).isEqualTo("anthropic/" + OpenCodeEntrypointProcess.MODEL);
      assertThat(summary.branch()).isEqualTo("main");
      assertThat(summary.commit()).isEqualTo(repo.git("rev-parse", "HEAD"));

      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(0).body().path("model").asText())
          .isEqualTo(OpenCodeEntrypointProcess.MODEL);
      assertThat(server.requests().get(0).headers().get("X-api-key")).containsExactly("test-key");
    }
  }

  @Test
  void anApiErrorFailsTheRunWithTheApisMessage() throws Exception {
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            new ModelReply.Error(400, "invalid_request_error", "scripted outage for axon"))) {
      OpenCodeEntrypointProcess.Outcome run = entrypoint(server, "Describe this repository.").run();

      assertThat(run.exit()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      assertThat(summary.reason()).isEqualTo("api_error");
      assertThat(summary.message()).isEqualTo("400: scripted outage for axon");
      assertThat(summary.commit()).isEqualTo(repo.git("rev-parse", "HEAD"));
    }
  }

  @Test
  void maxTurnsStopsTheAgent() throws Exception {
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(message(bash("ls")))) {
      OpenCodeEntrypointProcess.Outcome run =
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
            + "` ${HOME} \"quoted\" 'single'\n\ttabbed — ünïcödé 日本語 🚀";
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(say("Understood."))) {
      OpenCodeEntrypointProcess.Outcome run = entrypoint(server, prompt).run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(server.requests().get(0).userTexts()).contains(prompt);
      assertThat(marker).doesNotExist();
    }
  }

  @Test
  void theAgentIsToldInItsInstructionsHowToSayItGaveUpAndSayingItFailsTheRun() throws Exception {
    String prompt = "Upgrade the build to Java 25.";
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            say("I looked.\nAXON-RESULT: gave-up the repository has no build file to upgrade"))) {
      OpenCodeEntrypointProcess.Outcome run = entrypoint(server, prompt).run();

      assertThat(run.exit()).as(run.stderr()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      assertThat(summary.reason()).isEqualTo("gave_up");
      assertThat(summary.message()).isEqualTo("the repository has no build file to upgrade");
      // Told through its AGENTS.md (the OpenCode read it), beside the byte-exact prompt.
      assertThat(server.requests().get(0).body().toString())
          .contains("AXON-RESULT: needs-input <your question>");
      assertThat(server.requests().get(0).userTexts()).contains(prompt);
    }
  }
}

package io.axon.agent.entrypoint;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.agent.claudecode.StreamJsonReader;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entrypoint jar running the genuine Claude Code CLI (pinned version) against a scripted
 * model on 127.0.0.1, in a real git repository.
 */
class AgentEntrypointE2E {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private GitRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    assertThat(EntrypointProcess.exists()).as("run `mvn package` first").isTrue();
    repo = GitRepo.create(tmp.resolve("repo"));
  }

  private EntrypointProcess entrypoint(ScriptedAnthropicServer server, String prompt)
      throws Exception {
    return new EntrypointProcess(tmp, repo.dir(), server.baseUrl(), prompt);
  }

  private static List<AgentEvent> events(List<String> lines) {
    StreamJsonReader reader = new StreamJsonReader();
    List<AgentEvent> events = new ArrayList<>();
    lines.forEach(line -> events.addAll(reader.read(line)));
    return events;
  }

  @Test
  void bashToolCommitsAndTheSummaryCarriesTurnsCostAndGitState() throws Exception {
    String command = "echo hello > hello.txt && git add hello.txt && git commit -q -m 'Add hello'";
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            message(text("I'll create hello.txt and commit it."), bash(command)),
            say("Done: hello.txt is committed."))) {
      EntrypointProcess.Outcome run =
          entrypoint(server, "Create hello.txt containing hello and commit it.").run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(repo.git("log", "-1", "--format=%s")).isEqualTo("Add hello");
      assertThat(repo.dir().resolve("hello.txt")).hasContent("hello");

      // Every line is the CLI's own stream-json, passed through unchanged.
      for (String line : run.lines()) {
        assertThat(JSON.readTree(line).path("type").asText()).isNotEmpty();
      }
      JsonNode last = JSON.readTree(run.lines().get(run.lines().size() - 1));
      assertThat(last.path("type").asText()).isEqualTo("result");
      assertThat(events(run.lines()))
          .filteredOn(
              e ->
                  !(e instanceof AgentEvent.Init)
                      && !(e instanceof AgentEvent.Finished)
                      && !(e instanceof AgentEvent.Usage))
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
      assertThat(summary.costUSD()).isPositive().isEqualTo(last.path("total_cost_usd").asDouble());
      assertThat(summary.inputTokens()).isEqualTo(server.usage().allInput());
      assertThat(summary.outputTokens()).isEqualTo(server.usage().output());
      assertThat(summary.model()).isEqualTo(EntrypointProcess.MODEL);
      assertThat(summary.durationMillis()).isPositive();
      assertThat(summary.branch()).isEqualTo("main");
      assertThat(summary.commit()).isEqualTo(repo.git("rev-parse", "HEAD"));
      assertThat(summary.pullRequestURL()).isNull();

      // The model saw the commit's output as the tool result of its call.
      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(1).body().toString()).contains("tool_result");
    }
  }

  @Test
  void asTheImagesNonRootUserWithoutSandboxOverrideTheAgentCommits() throws Exception {
    String command =
        "id -u > uid.txt && git add uid.txt && git commit -q -m 'Record uid' && touch ~/was-here";
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            message(text("Recording who I am."), bash(command)), say("Recorded."))) {
      EntrypointProcess.Outcome run =
          entrypoint(server, "Write your uid to uid.txt and commit it.").asImageUser().run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(repo.dir().resolve("uid.txt")).hasContent(Integer.toString(ImageUser.UID));
      assertThat(repo.git("log", "-1", "--format=%s")).isEqualTo("Record uid");
      assertThat(tmp.resolve("home/was-here")).exists();
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
      assertThat(summary.turns()).isEqualTo(2);
      assertThat(summary.commit()).isEqualTo(repo.git("rev-parse", "HEAD"));
    }
  }

  @Test
  void anApiFailureFailsTheRunWithTheApisMessage() throws Exception {
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            new ModelReply.Error(400, "invalid_request_error", "scripted outage for axon"))) {
      EntrypointProcess.Outcome run = entrypoint(server, "Describe this repository.").run();

      assertThat(run.exit()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      assertThat(summary.reason()).isEqualTo("api_error");
      assertThat(summary.message()).contains("400").contains("scripted outage for axon");
      assertThat(summary.costUSD()).isZero();
      assertThat(summary.branch()).isEqualTo("main");
      assertThat(summary.commit()).isEqualTo(repo.git("rev-parse", "HEAD"));
    }
  }

  @Test
  void thePromptReachesTheModelByteExact() throws Exception {
    Path marker = tmp.resolve("injected");
    String prompt =
        "-p starts like a flag. Fix the \"quoted\" and 'single' cases;\n"
            + "line two: $(touch "
            + marker
            + ") `touch "
            + marker
            + "` ${HOME} $PATH \\back\\slash\n"
            + "\ttabbed — ünïcödé 日本語 🚀 && exit 1 | cat > /dev/null\n";
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(say("Understood."))) {
      EntrypointProcess.Outcome run = entrypoint(server, prompt).run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(server.requests()).isNotEmpty();
      assertThat(server.requests().get(0).userTexts()).contains(prompt);
      assertThat(marker).doesNotExist();
    }
  }

  @Test
  void aPromptOverLinuxsArgumentLimitReachesTheModelByteExact() throws Exception {
    StringBuilder prompt = new StringBuilder("-begins like a flag; $(not run) `nor this`\n");
    for (int line = 0; prompt.length() < 160 * 1024; line++) {
      prompt.append("line ").append(line).append(": ünïcödé 日本語 🚀\t\"quoted\"\n");
    }
    prompt.append("  trailing spaces  ");
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(say("Understood."))) {
      EntrypointProcess.Outcome run = entrypoint(server, prompt.toString()).run();

      assertThat(run.exit()).as(run.stderr()).isZero();
      assertThat(run.stderr()).doesNotContain("Argument list too long");
      assertThat(server.requests().get(0).userTexts()).contains(prompt.toString());
    }
  }

  @Test
  void maxTurnsStopsTheAgent() throws Exception {
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(message(bash("ls")))) {
      EntrypointProcess.Outcome run =
          entrypoint(server, "List the files, again and again.").with("AXON_MAX_TURNS", "1").run();

      assertThat(run.exit()).isEqualTo(1);
      RunResult summary = run.summary();
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      assertThat(summary.reason()).isEqualTo("limit_reached");
      assertThat(summary.limit()).isEqualTo("maxTurns");
      assertThat(summary.message())
          .startsWith("stopped at the limit maxTurns 1 (")
          .endsWith("the agent had changed nothing, so there was no work to save");
      assertThat(summary.branch()).isEqualTo("main");
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void sigtermStopsTheAgentAndStillWritesAFailedSummary() throws Exception {
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(new ModelReply.Hang())) {
      EntrypointProcess entrypoint = entrypoint(server, "Think for a long time.");
      Process process = entrypoint.start();
      process.getOutputStream().close();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (server.requests().isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(server.requests()).as("the agent asked the model").isNotEmpty();
      List<ProcessHandle> agents = process.descendants().toList();
      assertThat(agents).isNotEmpty();

      process.destroy(); // SIGTERM, as the kubelet sends

      assertThat(process.waitFor()).isEqualTo(143);
      // Dead, though perhaps not reaped yet by the parent it was handed to.
      assertThat(agents).noneMatch(LeftoverProcesses::running);
      RunResult summary = JSON.readValue(entrypoint.resultPath().toFile(), RunResult.class);
      assertThat(summary.outcome()).isEqualTo(RunResult.Outcome.FAILED);
      assertThat(summary.reason()).isEqualTo("terminated");
      assertThat(summary.commit()).isEqualTo(repo.git("rev-parse", "HEAD"));
    }
  }

  @Test
  void aMissingVariableExitsTwoNamingIt() throws Exception {
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(say("unused"))) {
      EntrypointProcess.Outcome run =
          entrypoint(server, "x").with("AXON_WORKSPACE_DIR", null).run();

      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.stderr()).isEqualTo("axon-agent: error: AXON_WORKSPACE_DIR is not set\n");
      assertThat(run.stdout()).isEmpty();
      assertThat(run.summary().reason()).isEqualTo("invalid_configuration");
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void withoutAUtf8LocaleTheEntrypointRefusesRatherThanMangleThePrompt() throws Exception {
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(say("unused"))) {
      EntrypointProcess.Outcome run = entrypoint(server, "ünïcödé").with("LANG", null).run();

      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.stderr()).contains("set LANG=C.UTF-8");
      assertThat(server.requests()).isEmpty();
      assertThat(Files.readString(run.resultPath())).contains("invalid_configuration");
    }
  }
}

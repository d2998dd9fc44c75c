package io.axon.agent.codex;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reader over real Codex transcripts (see the transcripts' README). */
class CodexJsonReaderTest {

  private static List<AgentEvent> read(CodexJsonReader reader, String transcript) {
    List<AgentEvent> events = new ArrayList<>();
    Transcripts.lines(transcript).forEach(line -> events.addAll(reader.read(line)));
    return events;
  }

  private static CodexJsonReader reader() {
    return new CodexJsonReader(Optional.of("gpt-5.5"), Optional.empty());
  }

  @Test
  void aCommitRunIsTwoTurnsWithTheCommandAsTheModelWroteIt() {
    CodexJsonReader reader = reader();
    List<AgentEvent> events = read(reader, "commit");

    assertThat(events)
        .filteredOn(e -> !(e instanceof AgentEvent.Finished))
        .containsExactly(
            new AgentEvent.Init("gpt-5.5", "01a23a65-0f0f-7ff1-b0ca-814484a2dff0"),
            new AgentEvent.TurnStarted(1),
            new AgentEvent.Text("I'll create hello.txt and commit it."),
            new AgentEvent.ToolCall(
                "Bash",
                "echo hello > hello.txt && git add hello.txt && git commit -q -m 'Add hello'"),
            new AgentEvent.TurnStarted(2),
            new AgentEvent.Text("Done: hello.txt is committed."));
    RunResult result = reader.result().orElseThrow();
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(result.reason()).isEqualTo("completed");
    assertThat(result.message()).isEqualTo("Done: hello.txt is committed.");
    assertThat(result.turns()).isEqualTo(2);
    assertThat(result.inputTokens()).isEqualTo(2001);
    assertThat(result.outputTokens()).isEqualTo(41);
    assertThat(result.costUSD()).isNull();
    assertThat(result.model()).isEqualTo("gpt-5.5");
    assertThat(events.get(events.size() - 1)).isEqualTo(new AgentEvent.Finished(result));
    assertThat(reader.stopRequested()).isFalse();
  }

  @Test
  void aFailedCommandIsAToolErrorWithItsOutput() {
    CodexJsonReader reader = reader();
    assertThat(read(reader, "toolerr"))
        .contains(
            new AgentEvent.ToolCall("Bash", "cat does-not-exist.txt"),
            new AgentEvent.ToolError("Bash", "cat: does-not-exist.txt: No such file or directory"));
    assertThat(reader.result().orElseThrow().succeeded()).isTrue();
  }

  @Test
  void anApiErrorFailsTheRunWithTheBodysMessage() {
    CodexJsonReader reader = reader();
    read(reader, "error");
    RunResult result = reader.result().orElseThrow();
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(result.reason()).isEqualTo("api_error");
    assertThat(result.message()).isEqualTo("invalid_request_error: scripted outage for axon");
    assertThat(result.turns()).isZero();
  }

  @Test
  void aServerErrorFailsTheRunWithCodexsWords() {
    CodexJsonReader reader = reader();
    read(reader, "error500");
    assertThat(reader.result().orElseThrow().message()).contains("high demand");
  }

  @Test
  void pastTheTurnLimitTheReaderFailsTheRunAndAsksForAStop() {
    CodexJsonReader reader = new CodexJsonReader(Optional.empty(), Optional.of(1));
    List<AgentEvent> events = new ArrayList<>();
    for (String line : Transcripts.lines("max-turns")) {
      events.addAll(reader.read(line));
      if (reader.stopRequested()) {
        break;
      }
    }
    RunResult result = reader.result().orElseThrow();
    assertThat(result.reason()).isEqualTo("error_max_turns");
    assertThat(result.message()).isEqualTo("Reached maximum number of turns (1)");
    assertThat(result.turns()).isEqualTo(1);
    assertThat(events).filteredOn(AgentEvent.TurnStarted.class::isInstance).hasSize(1);
    assertThat(events.get(0))
        .isEqualTo(
            new AgentEvent.Init(
                CodexRuntime.DEFAULT_MODEL, "01a23a6b-b974-7d71-badc-2a56b2c81f36"));
  }

  @Test
  void withoutALimitTheStoppedTranscriptHasNoResult() {
    CodexJsonReader reader = reader();
    assertThat(read(reader, "max-turns"))
        .filteredOn(AgentEvent.TurnStarted.class::isInstance)
        .containsExactly(new AgentEvent.TurnStarted(1), new AgentEvent.TurnStarted(2));
    assertThat(reader.result()).isEmpty();
    assertThat(reader.stopRequested()).isFalse();
  }

  @Test
  void everyTranscriptReadsWithoutUnparsedLines() {
    for (String name : Transcripts.NAMES) {
      assertThat(read(reader(), name)).as(name).noneMatch(AgentEvent.Unparsed.class::isInstance);
    }
  }

  @Test
  void strayTextAndUnknownEventsNeverThrow() {
    CodexJsonReader reader = reader();
    assertThat(reader.read("WARNING: not json"))
        .containsExactly(new AgentEvent.Unparsed("WARNING: not json"));
    assertThat(reader.read("{\"type\":\"something.new\",\"x\":1}")).isEmpty();
    assertThat(reader.read("[1,2]")).hasSize(1);
    assertThat(reader.read("")).isEmpty();
    assertThat(reader.read("{\"type\":\"error\",\"message\":\"Reconnecting... 2/5 (timeout)\"}"))
        .containsExactly(new AgentEvent.Retry(2, "Reconnecting... 2/5 (timeout)"));
  }

  @Test
  void codexsShellWrapperIsTakenOff() {
    assertThat(CodexTools.unwrap("/bin/bash -lc ls")).isEqualTo("ls");
    assertThat(CodexTools.unwrap("/bin/bash -lc 'cat a b'")).isEqualTo("cat a b");
    assertThat(CodexTools.unwrap("/bin/bash -lc \"echo \\\"x\\\" \\$HOME 'y'\""))
        .isEqualTo("echo \"x\" $HOME 'y'");
    assertThat(CodexTools.unwrap("/bin/bash -lc 'it'\\''s'")).isEqualTo("it's");
    assertThat(CodexTools.unwrap("python3 x.py")).isEqualTo("python3 x.py");
  }
}

package io.axon.agent.opencode;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reader over real OpenCode transcripts (see the transcripts' README). */
class OpenCodeJsonReaderTest {

  private static List<AgentEvent> read(OpenCodeJsonReader reader, String transcript) {
    List<AgentEvent> events = new ArrayList<>();
    Transcripts.lines(transcript).forEach(line -> events.addAll(reader.read(line)));
    return events;
  }

  private static OpenCodeJsonReader reader() {
    return new OpenCodeJsonReader(Optional.of("claude-sonnet-4-5"), Optional.empty());
  }

  @Test
  void aCommitRunIsTwoStepsWithTokensAndCost() {
    OpenCodeJsonReader reader = reader();
    List<AgentEvent> events = read(reader, "commit");

    assertThat(events)
        .filteredOn(e -> !(e instanceof AgentEvent.Finished))
        .containsExactly(
            new AgentEvent.Init("anthropic/claude-sonnet-4-5", "ses_dc56fa587ffeS5W5Ol367EWjnS"),
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
    assertThat(result.costUSD()).isCloseTo(0.006618, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(events.get(events.size() - 1)).isEqualTo(new AgentEvent.Finished(result));
    assertThat(reader.stopRequested()).isFalse();
  }

  @Test
  void aFailedToolIsAToolError() {
    assertThat(read(reader(), "tool-error"))
        .contains(
            new AgentEvent.ToolCall("Read", "/nonexistent/does-not-exist.txt"),
            new AgentEvent.ToolError("Read", "File not found: /nonexistent/does-not-exist.txt"));
  }

  @Test
  void anApiErrorFailsTheRunWithItsStatusAndMessage() {
    OpenCodeJsonReader reader = reader();
    read(reader, "error");
    RunResult result = reader.result().orElseThrow();
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(result.reason()).isEqualTo("api_error");
    assertThat(result.message()).isEqualTo("400: scripted outage for axon");
    assertThat(result.turns()).isZero();
  }

  @Test
  void pastTheTurnLimitTheReaderFailsTheRunAndAsksForAStop() {
    OpenCodeJsonReader reader = new OpenCodeJsonReader(Optional.empty(), Optional.of(1));
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
    assertThat(events.get(0)).isInstanceOf(AgentEvent.Init.class);
    assertThat(((AgentEvent.Init) events.get(0)).model()).isEqualTo(OpenCodeRuntime.DEFAULT_MODEL);
  }

  @Test
  void aStepThatEndsForToolCallsIsNoResultYet() {
    OpenCodeJsonReader reader = reader();
    List<String> lines = Transcripts.lines("max-turns");
    lines.forEach(reader::read);
    assertThat(reader.result()).isEmpty();
  }

  @Test
  void everyTranscriptReadsWithoutUnparsedLines() {
    for (String name : Transcripts.NAMES) {
      assertThat(read(reader(), name)).as(name).noneMatch(AgentEvent.Unparsed.class::isInstance);
    }
  }

  @Test
  void strayTextAndUnknownEventsNeverThrow() {
    OpenCodeJsonReader reader = reader();
    assertThat(reader.read("not json")).containsExactly(new AgentEvent.Unparsed("not json"));
    assertThat(reader.read("{\"type\":\"reasoning\",\"part\":{}}"))
        .singleElement()
        .isInstanceOf(AgentEvent.Init.class);
    assertThat(reader.read("{\"type\":\"something_new\"}")).isEmpty();
    assertThat(reader.read("")).isEmpty();
  }
}

package io.axon.agent.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reader over real Gemini CLI transcripts (see the transcripts' README). */
class GeminiStreamJsonReaderTest {

  private static List<AgentEvent> read(GeminiStreamJsonReader reader, String transcript) {
    List<AgentEvent> events = new ArrayList<>();
    Transcripts.lines(transcript).forEach(line -> events.addAll(reader.read(line)));
    return events;
  }

  private static GeminiStreamJsonReader reader() {
    return new GeminiStreamJsonReader(Optional.empty());
  }

  @Test
  void aCommitRunIsTwoTurns() {
    GeminiStreamJsonReader reader = reader();
    List<AgentEvent> events = read(reader, "commit");

    assertThat(events)
        .filteredOn(e -> !(e instanceof AgentEvent.Finished))
        .containsExactly(
            new AgentEvent.Init("gemini-2.5-pro", "60dc6a33-0613-4d09-99e1-ed424408984a"),
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
    assertThat(result.durationMillis()).isEqualTo(3539);
    assertThat(result.costUSD()).isNull();
    assertThat(result.model()).isEqualTo("gemini-2.5-pro");
    assertThat(events.get(events.size() - 1)).isEqualTo(new AgentEvent.Finished(result));
  }

  @Test
  void assistantChunksAreJoinedIntoOneText() {
    GeminiStreamJsonReader reader = reader();
    List<AgentEvent> events = new ArrayList<>();
    events.addAll(reader.read("{\"type\":\"init\",\"session_id\":\"s\",\"model\":\"m\"}"));
    events.addAll(
        reader.read(
            "{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"Hel\",\"delta\":true}"));
    events.addAll(
        reader.read(
            "{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"lo.\",\"delta\":true}"));
    events.addAll(reader.read("{\"type\":\"result\",\"status\":\"success\",\"stats\":{}}"));
    assertThat(events)
        .filteredOn(AgentEvent.Text.class::isInstance)
        .containsExactly(new AgentEvent.Text("Hello."));
    assertThat(reader.result().orElseThrow().message()).isEqualTo("Hello.");
  }

  @Test
  void aFailedToolIsAToolErrorAndAFailedCommandIsNot() {
    assertThat(read(reader(), "tool-error"))
        .contains(
            new AgentEvent.ToolCall("Read", "does-not-exist.txt"),
            new AgentEvent.ToolError(
                "Read",
                "File not found: /tmp/agents-probe/gruns/readmissing/ws/does-not-exist.txt"));
    assertThat(read(reader(), "toolerr"))
        .contains(new AgentEvent.ToolCall("Bash", "cat does-not-exist.txt"))
        .noneMatch(AgentEvent.ToolError.class::isInstance);
  }

  @Test
  void anApiErrorFailsTheRunWithTheBodysMessage() {
    GeminiStreamJsonReader reader = reader();
    read(reader, "error");
    RunResult result = reader.result().orElseThrow();
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(result.reason()).isEqualTo("api_error");
    assertThat(result.message()).isEqualTo("400 INVALID_ARGUMENT: scripted outage for axon");
    assertThat(result.turns()).isZero();
  }

  @Test
  void pastTheTurnLimitTheReaderFailsTheRunAndAsksForAStop() {
    GeminiStreamJsonReader reader = new GeminiStreamJsonReader(Optional.of(1));
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
  }

  @Test
  void everyTranscriptReadsWithoutUnparsedLines() {
    for (String name : Transcripts.NAMES) {
      assertThat(read(reader(), name)).as(name).noneMatch(AgentEvent.Unparsed.class::isInstance);
    }
  }

  @Test
  void strayTextAndUnknownEventsNeverThrow() {
    GeminiStreamJsonReader reader = reader();
    assertThat(reader.read("Warning: 256-color support not detected."))
        .containsExactly(new AgentEvent.Unparsed("Warning: 256-color support not detected."));
    assertThat(reader.read("{\"type\":\"something_new\"}")).isEmpty();
    assertThat(reader.read("\"text\"")).hasSize(1);
    assertThat(reader.read("")).isEmpty();
  }
}

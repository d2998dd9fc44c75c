package io.axon.agent.opencode;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code opencode run --format json}: one JSON object a line, each a part of the session
 * ({@code step_start}, {@code text}, {@code tool_use} with the tool's final state, {@code
 * step_finish} with the step's tokens and cost and why it ended) or an {@code error}. A step is a
 * turn (one model response). There is no final event: a step that finishes for another reason than
 * {@code tool-calls} ends the run, and an error fails it. Unknown types and fields are ignored.
 */
public final class OpenCodeJsonReader implements AgentOutputReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String model;
  private final Optional<Integer> maxTurns;
  private long startNanos;
  private boolean started;
  private int turns;
  private long inputTokens;
  private long outputTokens;
  private double cost;
  private boolean costReported;
  private String lastText;
  private RunResult result;
  private boolean done;
  private boolean stop;

  /**
   * @param model the model the run asked for (OpenCode does not print it)
   * @param maxTurns the run's turn limit, if any
   */
  public OpenCodeJsonReader(Optional<String> model, Optional<Integer> maxTurns) {
    this.model = model.map(OpenCodeRuntime::qualified).orElse(OpenCodeRuntime.DEFAULT_MODEL);
    this.maxTurns = maxTurns;
  }

  @Override
  public List<AgentEvent> read(String line) {
    if (startNanos == 0) {
      startNanos = System.nanoTime();
    }
    if (line.isBlank()) {
      return List.of();
    }
    JsonNode event;
    try {
      event = JSON.readTree(line);
    } catch (JacksonException e) {
      return List.of(new AgentEvent.Unparsed(line));
    }
    if (event == null || !event.isObject() || !event.path("type").isTextual()) {
      return List.of(new AgentEvent.Unparsed(line));
    }
    if (done) {
      return List.of(); // failed or stopped: what follows changes nothing
    }
    List<AgentEvent> events = new ArrayList<>();
    if (!started) {
      started = true;
      events.add(new AgentEvent.Init(model, event.path("sessionID").asText(null)));
    }
    JsonNode part = event.path("part");
    switch (event.path("type").asText()) {
      case "step_start" -> {
        result = null; // a step after a finished one: the run goes on
        events.add(new AgentEvent.TurnStarted(++turns));
      }
      case "text" -> {
        String text = part.path("text").asText("");
        if (!text.isBlank()) {
          lastText = text;
          events.add(new AgentEvent.Text(text));
        }
      }
      case "tool_use" -> tool(part, events);
      case "step_finish" -> stepFinished(part, events);
      case "error" -> {
        result = failed("api_error", errorMessage(event.path("error")));
        done = true;
        events.add(new AgentEvent.Finished(result));
      }
      default -> {
        // reasoning and whatever comes next: nothing to show
      }
    }
    return events;
  }

  @Override
  public Optional<RunResult> result() {
    return Optional.ofNullable(result);
  }

  @Override
  public boolean stopRequested() {
    return stop;
  }

  private static void tool(JsonNode part, List<AgentEvent> events) {
    String tool = part.path("tool").asText("tool");
    JsonNode state = part.path("state");
    String shown = shownName(tool);
    events.add(new AgentEvent.ToolCall(shown, detail(shown, state.path("input"))));
    if ("error".equals(state.path("status").asText())) {
      events.add(new AgentEvent.ToolError(shown, state.path("error").asText("failed")));
    }
  }

  private void stepFinished(JsonNode part, List<AgentEvent> events) {
    JsonNode tokens = part.path("tokens");
    inputTokens +=
        tokens.path("input").asLong()
            + tokens.path("cache").path("read").asLong()
            + tokens.path("cache").path("write").asLong();
    outputTokens += tokens.path("output").asLong();
    if (part.path("cost").isNumber()) {
      cost += part.path("cost").asDouble();
      costReported = true;
    }
    String reason = part.path("reason").asText("");
    if (reason.equals("tool-calls")) {
      if (maxTurns.isPresent() && turns >= maxTurns.get()) {
        result =
            failed("error_max_turns", "Reached maximum number of turns (" + maxTurns.get() + ")");
        done = true;
        stop = true;
        events.add(new AgentEvent.Finished(result));
      }
      return;
    }
    // The model is done: the run ends here unless another step starts.
    result =
        reason.equals("stop") || reason.equals("end_turn") || reason.isEmpty()
            ? result(RunResult.Outcome.SUCCEEDED, "completed", lastText)
            : failed(reason, lastText);
    events.add(new AgentEvent.Finished(result));
  }

  private RunResult failed(String reason, String message) {
    return result(RunResult.Outcome.FAILED, reason, message);
  }

  private RunResult result(RunResult.Outcome outcome, String reason, String message) {
    return new RunResult(
        outcome,
        reason,
        message,
        turns,
        costReported ? cost : null,
        inputTokens,
        outputTokens,
        (System.nanoTime() - startNanos) / 1_000_000,
        model,
        null,
        null,
        null);
  }

  /** An API error as {@code 400: message}; other errors by their message or name. */
  private static String errorMessage(JsonNode error) {
    JsonNode data = error.path("data");
    String message = data.path("message").asText(error.path("name").asText("error"));
    return data.path("statusCode").isNumber()
        ? data.path("statusCode").asInt() + ": " + message
        : message;
  }

  static String shownName(String tool) {
    return switch (tool) {
      case "bash" -> "Bash";
      case "edit" -> "Edit";
      case "write" -> "Write";
      case "read" -> "Read";
      default ->
          tool.isEmpty()
              ? "tool"
              : tool.substring(0, 1).toUpperCase(Locale.ROOT) + tool.substring(1);
    };
  }

  private static String detail(String tool, JsonNode input) {
    if (tool.equals("Bash")) {
      String command = input.path("command").asText("").strip();
      return command.length() > 16_384 ? command.substring(0, 16_383) + "…" : command;
    }
    for (String field : List.of("filePath", "path", "pattern", "url", "query", "description")) {
      if (input.path(field).isTextual()) {
        String value = input.path(field).asText().strip();
        int newline = value.indexOf('\n');
        value = newline < 0 ? value : value.substring(0, newline);
        return value.length() > 200 ? value.substring(0, 199) + "…" : value;
      }
    }
    return "";
  }
}

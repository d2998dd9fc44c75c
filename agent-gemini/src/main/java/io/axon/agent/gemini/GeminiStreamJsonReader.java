package io.axon.agent.gemini;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Gemini CLI's {@code --output-format stream-json}: one JSON object a line ({@code init},
 * {@code message} from the user and, in chunks marked {@code delta}, from the assistant, {@code
 * tool_use}, {@code tool_result}, {@code error}, a final {@code result} with its {@code status} and
 * {@code stats}). Unknown types and fields are ignored.
 *
 * <p>A turn (one model response) starts with the first assistant text or tool call after a tool
 * result; the assistant's chunks are joined into one text. Past the run's turn limit the reader
 * fails the run with {@code error_max_turns} and asks for the agent to be stopped. The CLI reports
 * no cost.
 */
public final class GeminiStreamJsonReader implements AgentOutputReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern API_ERROR =
      Pattern.compile("^\\[API Error: (.*)\\]$", Pattern.DOTALL);

  private final Optional<Integer> maxTurns;
  private final Map<String, String> toolNamesById = new HashMap<>();
  private final StringBuilder text = new StringBuilder();
  private String model;
  private int turns;
  private boolean turnOpen;
  private String lastText;
  private String lastError;
  private RunResult result;
  private boolean stop;

  /**
   * @param maxTurns the run's turn limit, if any
   */
  public GeminiStreamJsonReader(Optional<Integer> maxTurns) {
    this.maxTurns = maxTurns;
  }

  @Override
  public List<AgentEvent> read(String line) {
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
    if (result != null) {
      return List.of(); // the run is over (a turn limit stopped it)
    }
    List<AgentEvent> events = new ArrayList<>();
    switch (event.path("type").asText()) {
      case "init" -> {
        model = event.path("model").asText(null);
        events.add(new AgentEvent.Init(model, event.path("session_id").asText(null)));
      }
      case "message" -> {
        if ("assistant".equals(event.path("role").asText())) {
          openTurn(events);
          text.append(event.path("content").asText(""));
        }
      }
      case "tool_use" -> {
        flushText(events);
        openTurn(events);
        String tool = event.path("tool_name").asText("tool");
        toolNamesById.put(event.path("tool_id").asText(), tool);
        events.add(GeminiTools.call(tool, event.path("parameters")));
      }
      case "tool_result" -> {
        flushText(events);
        if ("error".equals(event.path("status").asText())) {
          String tool =
              GeminiTools.shownName(
                  toolNamesById.getOrDefault(event.path("tool_id").asText(), "tool"));
          JsonNode error = event.path("error");
          String message =
              error.path("message").isTextual()
                  ? error.path("message").asText()
                  : event.path("output").asText("failed");
          events.add(new AgentEvent.ToolError(tool, message));
        }
        turnOpen = false;
        if (maxTurns.isPresent() && turns >= maxTurns.get()) {
          result =
              result(
                  RunResult.Outcome.FAILED,
                  "error_max_turns",
                  "Reached maximum number of turns (" + maxTurns.get() + ")",
                  null);
          stop = true;
          events.add(new AgentEvent.Finished(result));
        }
      }
      case "error" -> lastError = event.path("message").asText(lastError);
      case "result" -> {
        flushText(events);
        result = finalResult(event);
        events.add(new AgentEvent.Finished(result));
      }
      default -> {
        // new event types: nothing to show
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

  private void openTurn(List<AgentEvent> events) {
    if (!turnOpen) {
      turnOpen = true;
      events.add(new AgentEvent.TurnStarted(++turns));
    }
  }

  private void flushText(List<AgentEvent> events) {
    if (text.length() > 0) {
      lastText = text.toString();
      text.setLength(0);
      if (!lastText.isBlank()) {
        events.add(new AgentEvent.Text(lastText));
      }
    }
  }

  private RunResult finalResult(JsonNode event) {
    if ("success".equals(event.path("status").asText())) {
      return result(RunResult.Outcome.SUCCEEDED, "completed", lastText, event.path("stats"));
    }
    JsonNode error = event.path("error");
    String message = error.path("message").asText(lastError);
    Matcher api = message == null ? null : API_ERROR.matcher(message.strip());
    if (api != null && api.matches()) {
      return result(
          RunResult.Outcome.FAILED, "api_error", apiMessage(api.group(1)), event.path("stats"));
    }
    String reason = error.path("type").asText("error");
    return result(
        RunResult.Outcome.FAILED,
        reason.isEmpty() || reason.equals("unknown") ? "error" : reason,
        message,
        event.path("stats"));
  }

  private RunResult result(
      RunResult.Outcome outcome, String reason, String message, JsonNode stats) {
    boolean counted = stats != null && stats.isObject();
    return new RunResult(
        outcome,
        reason,
        message,
        turns,
        null,
        counted && stats.has("input_tokens") ? stats.path("input_tokens").asLong() : null,
        counted && stats.has("output_tokens") ? stats.path("output_tokens").asLong() : null,
        counted && stats.has("duration_ms") ? stats.path("duration_ms").asLong() : null,
        model,
        null,
        null,
        null);
  }

  /** {@code {"error":{"code":400,"message":...,"status":...}}} as {@code 400 STATUS: message}. */
  static String apiMessage(String body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.path("message").isTextual()) {
        String code = error.path("code").asText("");
        String status = error.path("status").asText("");
        String prefix = (code + " " + status).strip();
        return (prefix.isEmpty() ? "" : prefix + ": ") + error.path("message").asText();
      }
    } catch (JacksonException | NullPointerException e) {
      // not JSON: as it is
    }
    return body;
  }
}

package io.axon.agent.codex;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.RunResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code codex exec --json}: one JSON object a line ({@code thread.started}, {@code
 * turn.started}, {@code item.started}/{@code item.completed} of agent messages, reasoning, command
 * executions, file changes, MCP tool calls and web searches, {@code error}, then {@code
 * turn.completed} with the usage or {@code turn.failed}). Unknown types and fields are ignored.
 *
 * <p>Codex reports no model responses as such. A turn (one model response) is counted when the
 * first item after a tool result appears: every tool item that completes ends a turn, since the
 * model is asked again with its result. Past the run's turn limit the reader fails the run with
 * {@code error_max_turns} and asks for the agent to be stopped. Codex reports no cost.
 */
public final class CodexJsonReader implements AgentOutputReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RECONNECTING = Pattern.compile("^Reconnecting\\.\\.\\. (\\d+)/");
  private static final Set<String> TOOL_ITEMS =
      Set.of("command_execution", "file_change", "mcp_tool_call", "web_search");

  private final String model;
  private final Optional<Integer> maxTurns;
  private final Set<String> shownItems = new HashSet<>();
  private long startNanos;
  private int turns;
  private boolean turnOpen;
  private String lastMessage;
  private String lastError;
  private RunResult result;
  private boolean stop;

  /**
   * @param model the model the run asked for; empty: {@link CodexRuntime#DEFAULT_MODEL}, which the
   *     runtime passes then (Codex does not print it)
   * @param maxTurns the run's turn limit, if any
   */
  public CodexJsonReader(Optional<String> model, Optional<Integer> maxTurns) {
    this.model = model.orElse(CodexRuntime.DEFAULT_MODEL);
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
    if (result != null) {
      return List.of(); // the run is over (a turn limit stopped it): what follows changes nothing
    }
    return switch (event.path("type").asText()) {
      case "thread.started" ->
          List.of(new AgentEvent.Init(model, event.path("thread_id").asText(null)));
      case "item.started" -> item(event.path("item"), false);
      case "item.completed" -> item(event.path("item"), true);
      case "error" -> error(event.path("message").asText(""));
      case "turn.completed" -> completed(event.path("usage"));
      case "turn.failed" -> failed(event.path("error").path("message").asText(lastError));
      default -> List.of();
    };
  }

  @Override
  public Optional<RunResult> result() {
    return Optional.ofNullable(result);
  }

  @Override
  public boolean stopRequested() {
    return stop;
  }

  private List<AgentEvent> item(JsonNode item, boolean completed) {
    String type = item.path("type").asText("");
    if (type.equals("error")) {
      lastError = item.path("message").asText(null); // a warning; a failure quotes the last one
      return List.of();
    }
    if (type.equals("todo_list")) {
      return List.of();
    }
    List<AgentEvent> events = new ArrayList<>();
    if (!turnOpen) {
      turnOpen = true;
      events.add(new AgentEvent.TurnStarted(++turns));
    }
    String id = item.path("id").asText("");
    if (type.equals("agent_message")) {
      if (completed) {
        lastMessage = item.path("text").asText("");
        if (!lastMessage.isBlank()) {
          events.add(new AgentEvent.Text(lastMessage));
        }
      }
      return events;
    }
    if (!TOOL_ITEMS.contains(type)) {
      return events; // reasoning and whatever comes next: nothing to show
    }
    if (shownItems.add(id)) {
      events.add(CodexTools.call(item));
    }
    if (completed) {
      CodexTools.error(item).ifPresent(events::add);
      turnOpen = false;
      if (maxTurns.isPresent() && turns >= maxTurns.get()) {
        // The model would now be asked for turn maxTurns + 1.
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
    return events;
  }

  private List<AgentEvent> error(String message) {
    Matcher reconnecting = RECONNECTING.matcher(message);
    if (reconnecting.find()) {
      return List.of(new AgentEvent.Retry(Integer.parseInt(reconnecting.group(1)), message));
    }
    lastError = message;
    return List.of();
  }

  private List<AgentEvent> completed(JsonNode usage) {
    result = result(RunResult.Outcome.SUCCEEDED, "completed", lastMessage, usage);
    return List.of(new AgentEvent.Finished(result));
  }

  private List<AgentEvent> failed(String message) {
    result = result(RunResult.Outcome.FAILED, "api_error", apiMessage(message), null);
    return List.of(new AgentEvent.Finished(result));
  }

  private RunResult result(
      RunResult.Outcome outcome, String reason, String message, JsonNode usage) {
    boolean counted = usage != null && usage.isObject();
    return new RunResult(
        outcome,
        reason,
        message,
        turns,
        null,
        counted ? usage.path("input_tokens").asLong() : null,
        counted ? usage.path("output_tokens").asLong() : null,
        (System.nanoTime() - startNanos) / 1_000_000,
        model,
        null,
        null,
        null);
  }

  /**
   * Codex passes an API error's body on as its message: {@code {"error": {"message": ..., "type":
   * ...}}}. The message inside, with its type, reads better.
   */
  static String apiMessage(String message) {
    if (message == null) {
      return null;
    }
    try {
      JsonNode body = JSON.readTree(message);
      JsonNode error = body == null ? null : body.path("error");
      if (error != null && error.path("message").isTextual()) {
        String type = error.path("type").asText("");
        return (type.isEmpty() ? "" : type + ": ") + error.path("message").asText();
      }
    } catch (JacksonException e) {
      // plain text
    }
    return message;
  }
}

package io.axon.agent.claudecode;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Claude Code's {@code --output-format stream-json --verbose} output: one JSON object a line
 * ({@code system/init}, one {@code assistant} line per content block, {@code user} tool results,
 * {@code system/api_retry}, a final {@code result}). Unknown types and fields are ignored, since
 * every CLI release adds some. The shapes are documented next to the real transcripts in this
 * module's test resources.
 */
public final class StreamJsonReader implements AgentOutputReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CHARACTERS_PER_TOKEN = 4;
  private static final int OUTPUT_TOKENS_PER_BLOCK = 12;

  private final Map<String, String> toolNamesById = new HashMap<>();
  private String model;
  private String lastMessageId;
  private int turns;
  private String usageMessageId;
  private long outputEstimate;
  private RunResult result;
  private final ApiFailure apiFailure = new ApiFailure();

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
    return switch (event.path("type").asText()) {
      case "system" -> system(event);
      case "assistant" -> assistant(event);
      case "user" -> user(event);
      case "result" -> result(event);
      default -> List.of();
    };
  }

  @Override
  public Optional<RunResult> result() {
    return Optional.ofNullable(result);
  }

  private List<AgentEvent> system(JsonNode event) {
    switch (event.path("subtype").asText()) {
      case "init" -> {
        model = text(event, "model");
        return List.of(new AgentEvent.Init(model, text(event, "session_id")));
      }
      case "api_retry" -> {
        String error = event.path("error").asText("error");
        if (event.path("error_status").isNumber()) {
          error += " (HTTP " + event.path("error_status").asInt() + ")";
        }
        return List.of(new AgentEvent.Retry(event.path("attempt").asInt(), error));
      }
      default -> {
        return List.of();
      }
    }
  }

  private List<AgentEvent> assistant(JsonNode event) {
    JsonNode message = event.path("message");
    apiFailure.observeAssistant(event);
    List<AgentEvent> events = new ArrayList<>();
    // A sub-agent's messages (parent_tool_use_id set) are not turns of the run itself.
    boolean topLevel =
        event.path("parent_tool_use_id").isMissingNode()
            || event.path("parent_tool_use_id").isNull();
    String messageId = text(message, "id");
    if (topLevel && messageId != null && !messageId.equals(lastMessageId)) {
      lastMessageId = messageId;
      events.add(new AgentEvent.TurnStarted(++turns));
    }
    usage(message, messageId).ifPresent(events::add);
    for (JsonNode block : message.path("content")) {
      switch (block.path("type").asText()) {
        case "text" -> {
          String text = block.path("text").asText("");
          if (!text.isBlank()) {
            events.add(new AgentEvent.Text(text));
          }
        }
        case "tool_use" -> {
          String tool = block.path("name").asText("tool");
          toolNamesById.put(block.path("id").asText(), tool);
          events.add(new AgentEvent.ToolCall(tool, ToolDetail.of(tool, block.path("input"))));
        }
        default -> {
          // thinking, redacted_thinking and whatever comes next: nothing to show
        }
      }
    }
    return events;
  }

  /**
   * The response's usage so far. Streamed lines carry the usage of {@code message_start}, whose
   * output count is 1: until the response is complete, output tokens are estimated from the text of
   * its blocks (about four characters a token, as the API's tokenizer does for English and code).
   */
  private Optional<AgentEvent> usage(JsonNode message, String messageId) {
    JsonNode usage = message.path("usage");
    if (!usage.isObject() || messageId == null) {
      return Optional.empty();
    }
    if (!messageId.equals(usageMessageId)) {
      usageMessageId = messageId;
      outputEstimate = 0;
    }
    for (JsonNode block : message.path("content")) {
      String text =
          switch (block.path("type").asText()) {
            case "text" -> block.path("text").asText("");
            case "thinking" -> block.path("thinking").asText("");
            case "tool_use" -> block.path("input").toString();
            default -> "";
          };
      outputEstimate += OUTPUT_TOKENS_PER_BLOCK + text.length() / CHARACTERS_PER_TOKEN;
    }
    return Optional.of(
        new AgentEvent.Usage(
            messageId,
            Optional.ofNullable(text(message, "model")).orElse(model),
            usage.path("input_tokens").asLong(),
            usage.path("cache_creation_input_tokens").asLong(),
            usage.path("cache_read_input_tokens").asLong(),
            Math.max(usage.path("output_tokens").asLong(), outputEstimate)));
  }

  private List<AgentEvent> user(JsonNode event) {
    List<AgentEvent> events = new ArrayList<>();
    for (JsonNode block : event.path("message").path("content")) {
      if ("tool_result".equals(block.path("type").asText())
          && block.path("is_error").asBoolean(false)) {
        String tool = toolNamesById.getOrDefault(block.path("tool_use_id").asText(), "tool");
        events.add(new AgentEvent.ToolError(tool, contentText(block.path("content"))));
      }
    }
    return events;
  }

  private List<AgentEvent> result(JsonNode event) {
    String subtype = event.path("subtype").asText("");
    boolean failed = event.path("is_error").asBoolean(false) || !"success".equals(subtype);
    String reason;
    if (!"success".equals(subtype) && !subtype.isEmpty()) {
      reason = subtype; // error_max_turns, error_max_budget_usd, error_during_execution
    } else {
      reason =
          Optional.ofNullable(text(event, "terminal_reason"))
              .orElse(failed ? "error" : "completed");
    }
    if (failed) {
      reason = apiFailure.classify(event).orElse(reason);
    }
    JsonNode usage = event.path("usage");
    result =
        new RunResult(
            failed ? RunResult.Outcome.FAILED : RunResult.Outcome.SUCCEEDED,
            reason,
            message(event),
            intOrNull(event.path("num_turns")),
            event.path("total_cost_usd").isNumber()
                ? event.path("total_cost_usd").asDouble()
                : null,
            usage.isObject()
                ? usage.path("input_tokens").asLong()
                    + usage.path("cache_creation_input_tokens").asLong()
                    + usage.path("cache_read_input_tokens").asLong()
                : null,
            usage.isObject() ? usage.path("output_tokens").asLong() : null,
            event.path("duration_ms").isNumber() ? event.path("duration_ms").asLong() : null,
            model != null ? model : firstKey(event.path("modelUsage")),
            null,
            null,
            null);
    return List.of(new AgentEvent.Finished(result));
  }

  /** The final words, or, when the CLI gave none (error_max_turns), its list of errors. */
  private static String message(JsonNode event) {
    String text = text(event, "result");
    if (text != null && !text.isEmpty()) {
      return text;
    }
    List<String> errors = new ArrayList<>();
    event
        .path("errors")
        .forEach(error -> errors.add(error.isTextual() ? error.asText() : error.toString()));
    return errors.isEmpty() ? null : String.join("; ", errors);
  }

  /** A tool result's content: a string, or a list of blocks of which the text ones count. */
  private static String contentText(JsonNode content) {
    if (content.isTextual()) {
      return content.asText();
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode block : content) {
      if (block.path("text").isTextual()) {
        parts.add(block.path("text").asText());
      }
    }
    return String.join("\n", parts);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }

  private static Integer intOrNull(JsonNode node) {
    return node.isNumber() ? node.asInt() : null;
  }

  private static String firstKey(JsonNode node) {
    Iterator<String> names = node.fieldNames();
    return names.hasNext() ? names.next() : null;
  }
}

package io.axon.agent.testing;

import java.util.List;
import java.util.Map;

/** What the scripted model answers to one request. */
public sealed interface ModelReply {

  /** One content block of a scripted assistant message. */
  sealed interface Block {}

  record TextBlock(String text) implements Block {}

  record ToolUseBlock(String name, Map<String, Object> input) implements Block {}

  /** An assistant message; {@code stop_reason} is {@code tool_use} when it calls a tool. */
  record Message(List<Block> content) implements ModelReply {
    public boolean callsTools() {
      return content.stream().anyMatch(ToolUseBlock.class::isInstance);
    }
  }

  /**
   * An API error ({@code {"type":"error","error":{...}}}) sent with {@code x-should-retry: false}
   * so the CLI gives up at once instead of retrying for minutes.
   */
  record Error(int status, String type, String message) implements ModelReply {}

  /**
   * An API error the CLI may retry (no {@code x-should-retry} header): it tries again, as often as
   * {@code CLAUDE_CODE_MAX_RETRIES} allows, then gives up.
   */
  record RetryableError(int status, String type, String message) implements ModelReply {}

  /**
   * Starts a streamed reply (or, for the CLI's non-streaming fallback, a JSON body) and drops the
   * connection part-way: a model API whose connection is cut.
   */
  record Cut() implements ModelReply {}

  /** Holds the request open, sending nothing, until the server closes: a model that stalls. */
  record Hang() implements ModelReply {}

  public static TextBlock text(String text) {
    return new TextBlock(text);
  }

  public static ToolUseBlock bash(String command) {
    return new ToolUseBlock("Bash", Map.of("command", command, "description", "Run a command"));
  }

  public static Message message(Block... content) {
    return new Message(List.of(content));
  }

  public static Message say(String text) {
    return message(text(text));
  }
}

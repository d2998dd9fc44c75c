package io.axon.spi.agent;

/** Something an agent did, in a form every agent type shares. Rendered by {@code axon logs}. */
public sealed interface AgentEvent {

  /** The agent started. */
  record Init(String model, String sessionId) implements AgentEvent {}

  /** A new turn (one model response) began; turns count from 1. */
  record TurnStarted(int turn) implements AgentEvent {}

  /** Text the model wrote for people to read. */
  record Text(String text) implements AgentEvent {}

  /**
   * The model called a tool.
   *
   * @param tool the tool's name, for example {@code Bash} or {@code Edit}
   * @param detail a summary of the call (the file, the command), or empty; one line, but a command
   *     keeps all of its lines so that everything it ran can be shown
   */
  record ToolCall(String tool, String detail) implements AgentEvent {}

  /** A tool call failed; successful results are not shown. */
  record ToolError(String tool, String message) implements AgentEvent {}

  /** The agent is retrying a failed model request. */
  record Retry(int attempt, String error) implements AgentEvent {}

  /**
   * What one model response used, as far as the agent has said so far: reported once per response
   * and again when its figures grow. Counts are for that response only, not running totals.
   *
   * @param responseId the agent's id for the response, so repeated reports replace each other
   * @param model the model that answered, or null when unknown
   * @param inputTokens uncached input tokens
   * @param cacheWriteTokens input tokens written to the prompt cache
   * @param cacheReadTokens input tokens read from the prompt cache
   * @param outputTokens output tokens, estimated from the text while the response streams
   */
  record Usage(
      String responseId,
      String model,
      long inputTokens,
      long cacheWriteTokens,
      long cacheReadTokens,
      long outputTokens)
      implements AgentEvent {}

  /** The run ended. */
  record Finished(RunResult result) implements AgentEvent {}

  /** A line the reader did not understand, kept so nothing is silently lost. */
  record Unparsed(String line) implements AgentEvent {}
}

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

  /** The run ended. */
  record Finished(RunResult result) implements AgentEvent {}

  /** A line the reader did not understand, kept so nothing is silently lost. */
  record Unparsed(String line) implements AgentEvent {}
}

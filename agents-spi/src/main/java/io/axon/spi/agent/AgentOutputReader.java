package io.axon.spi.agent;

import java.util.List;
import java.util.Optional;

/**
 * Turns one run's standard output, line by line, into {@link AgentEvent}s and a final {@link
 * RunResult}. Not thread-safe: one reader per run.
 */
public interface AgentOutputReader {

  /**
   * Reads one line of output. Lines the reader does not understand (unknown event types, plain
   * text, malformed JSON) yield no events or a {@link AgentEvent.Unparsed} event; they never throw.
   */
  List<AgentEvent> read(String line);

  /** The result of the run once the agent reported it; empty until then. */
  Optional<RunResult> result();

  /**
   * Whether the agent must be stopped now, for example because it went past the run's turn limit
   * and its CLI enforces none; the {@link #result()} then says why. The entrypoint asks after every
   * line.
   */
  default boolean stopRequested() {
    return false;
  }
}

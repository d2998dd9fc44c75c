package io.axon.cli.logs;

import java.util.List;

/** Turns one raw line of the agent container's output into the lines a person reads. */
@FunctionalInterface
public interface LogRenderer {

  /** The lines to print for one raw line; may be empty (events not worth showing). */
  List<String> render(String rawLine);

  /** Prints raw lines as they are ({@code axon logs --raw}). */
  static LogRenderer raw() {
    return List::of;
  }
}

package io.axon.cli.logs;

import io.axon.client.render.TerminalText;
import java.util.List;

/** Turns one raw line of the agent container's output into the lines a person reads. */
@FunctionalInterface
public interface LogRenderer {

  /** The lines to print for one raw line; may be empty (events not worth showing). */
  List<String> render(String rawLine);

  /**
   * Prints raw lines as they are ({@code axon logs --raw}), but for the control characters that
   * {@link TerminalText} removes: a raw line still reaches a terminal.
   */
  static LogRenderer raw() {
    return line -> List.of(TerminalText.clean(line));
  }
}

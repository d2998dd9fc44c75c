package io.axon.cli.local;

import io.axon.client.render.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Passes a child process's diagnostic output on to the user as it comes, without the control
 * characters {@link TerminalText} removes (the agent's stderr is strangers' text too).
 */
final class ChildOutput {
  private ChildOutput() {}

  /** Copies {@code from} (UTF-8) to {@code to} until it ends, flushing every chunk. */
  static void copy(InputStream from, PrintWriter to) throws IOException {
    try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
      char[] chunk = new char[8192];
      for (int n; (n = reader.read(chunk)) != -1; ) {
        to.write(TerminalText.clean(new String(chunk, 0, n)));
        to.flush();
      }
    }
  }
}

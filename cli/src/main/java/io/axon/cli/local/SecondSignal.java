package io.axon.cli.local;

import java.util.List;

/**
 * While a stopped run tidies up, a second Ctrl-C (SIGINT, or SIGTERM) ends the CLI at once: the
 * JVM, already shutting down after the first, would otherwise ignore it until tidying is done.
 */
final class SecondSignal {
  private static final List<String> SIGNALS = List.of("INT", "TERM");

  private SecondSignal() {}

  /**
   * From now on INT and TERM run {@code abort} and halt the JVM with 128 + the signal's number, as
   * the first signal's exit would.
   */
  static void abortWith(Runnable abort) {
    for (String name : SIGNALS) {
      try {
        sun.misc.Signal.handle(
            new sun.misc.Signal(name),
            signal -> {
              try {
                abort.run();
              } finally {
                Runtime.getRuntime().halt(128 + signal.getNumber());
              }
            });
      } catch (IllegalArgumentException e) {
        // The JVM keeps this signal to itself (-Xrs): the second one is then ignored as before.
      }
    }
  }
}

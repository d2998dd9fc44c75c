package io.axon.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether standard input and output are terminals. The {@code axon} launcher knows for sure (bash
 * {@code -t}) and passes {@code -Daxon.stdin.tty} and {@code -Daxon.stdout.tty}; without them the
 * JVM's console is asked.
 *
 * @param stdinIsTerminal standard input is a terminal (a person can answer a question)
 * @param stdoutIsTerminal standard output is a terminal (colour and progress make sense)
 */
public record Terminal(boolean stdinIsTerminal, boolean stdoutIsTerminal) {

  /** Neither is a terminal: scripts, CI and tests. */
  public static Terminal none() {
    return new Terminal(false, false);
  }

  /** What this process is attached to. */
  public static Terminal detect() {
    String stdin = System.getProperty("axon.stdin.tty");
    String stdout = System.getProperty("axon.stdout.tty");
    if (stdin != null && stdout != null) {
      return new Terminal(Boolean.parseBoolean(stdin), Boolean.parseBoolean(stdout));
    }
    boolean console = consoleIsTerminal();
    return new Terminal(console, console);
  }

  private static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // JDK 22+ returns a Console even when redirected; isTerminal() tells the truth there.
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}

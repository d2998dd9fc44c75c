package io.axon.controller.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One control-plane component running as a child process, its output in a log file. */
final class ManagedProcess {
  private final String name;
  private final List<String> command;
  private final Path log;
  private Process process;

  ManagedProcess(String name, List<String> command, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.log = log;
  }

  /** Starts it (again, after {@link #stop}: same arguments, the log is appended to). */
  ManagedProcess start() {
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      process.getOutputStream().close();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Fails with the end of its log when it has exited. */
  void checkAlive(String waitingFor) {
    if (!isAlive()) {
      throw new IllegalStateException(
          name
              + " exited ("
              + process.exitValue()
              + ") while waiting for "
              + waitingFor
              + ":\n"
              + tail(30));
    }
  }

  /** SIGTERM, then SIGKILL after 10 s; waits until it is gone. */
  void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of its log, for failure messages. */
  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return "--- "
          + log
          + " (last "
          + lines
          + " lines)\n"
          + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}

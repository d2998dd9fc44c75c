package io.axon.controller.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short host commands for the real-node harness: run to completion, output or a clear failure. */
final class HostCommands {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

  private HostCommands() {}

  static String run(Path dir, List<String> args, String... prefix) {
    List<String> command = new ArrayList<>(List.of(prefix));
    command.addAll(args);
    return run(dir, command, DEFAULT_TIMEOUT);
  }

  /** Runs a command in dir; its stdout, or an exception naming the command and its output. */
  static String run(Path dir, List<String> command, Duration timeout) {
    try {
      Path output = Files.createTempFile("axon-node-cmd", ".log");
      try {
        Process process =
            new ProcessBuilder(command)
                .directory(Files.isDirectory(dir) ? dir.toFile() : null)
                .redirectErrorStream(false)
                .redirectError(output.toFile())
                .start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException(
              String.join(" ", command)
                  + " failed (exit "
                  + process.exitValue()
                  + "):\n"
                  + out
                  + Files.readString(output));
        }
        return out;
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + command.get(0), e);
    }
  }

  /** Runs a command and ignores its failure (teardown: what is already gone stays gone). */
  static void tryRun(List<String> command) {
    try {
      run(Path.of("/"), command, Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      // Nothing to undo.
    }
  }

  static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.axon.controller.observe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shipped Python example client of the bridge (examples/bridge-client), run as a process. */
final class WatchTasksScript {
  static final Path SCRIPT =
      Path.of("").toAbsolutePath().getParent().resolve("examples/bridge-client/watch_tasks.py");

  private WatchTasksScript() {}

  /** Starts it with these arguments, its output and its errors apart. */
  static Process start(String... args) throws IOException {
    return command(args).start();
  }

  /** Starts it with these arguments, its errors into its output. */
  static Process startMerged(String... args) throws IOException {
    return command(args).redirectErrorStream(true).start();
  }

  static BufferedReader reader(InputStream stream) {
    return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
  }

  /** Every line up to the end of the stream. */
  static List<String> lines(InputStream stream) throws IOException {
    BufferedReader reader = reader(stream);
    List<String> lines = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lines.add(line);
    }
    return lines;
  }

  private static ProcessBuilder command(String... args) {
    List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }
}

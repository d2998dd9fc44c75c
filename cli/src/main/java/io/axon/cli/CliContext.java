package io.axon.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch of the world: its output streams, standard input, the cluster (through
 * {@link KubeClientFactory}), the environment and the clock. Tests build one around a mock server
 * and string writers; {@link Main} builds the real one.
 */
public final class CliContext {
  private final PrintWriter out;
  private final PrintWriter err;
  private final InputStream in;
  private final KubeClientFactory clients;
  private final Map<String, String> env;
  private final Terminal terminal;
  private final Clock clock;
  private final Path home;
  private volatile String apiUrl;

  public CliContext(
      PrintWriter out,
      PrintWriter err,
      InputStream in,
      KubeClientFactory clients,
      Map<String, String> env,
      Terminal terminal,
      Clock clock,
      Path home) {
    this.out = Objects.requireNonNull(out);
    this.err = Objects.requireNonNull(err);
    this.in = Objects.requireNonNull(in);
    this.clients = Objects.requireNonNull(clients);
    this.env = Map.copyOf(env);
    this.terminal = Objects.requireNonNull(terminal);
    this.clock = Objects.requireNonNull(clock);
    this.home = Objects.requireNonNull(home);
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public InputStream in() {
    return in;
  }

  public KubeClientFactory clients() {
    return clients;
  }

  public Map<String, String> env() {
    return env;
  }

  public Terminal terminal() {
    return terminal;
  }

  public Clock clock() {
    return clock;
  }

  /** The user's home directory, where {@code .axon/config.yaml} lives. */
  public Path home() {
    return home;
  }

  /** Whether output may be coloured: standard output is a terminal and NO_COLOR is unset. */
  public boolean color() {
    String noColor = env.get("NO_COLOR");
    return terminal.stdoutIsTerminal() && (noColor == null || noColor.isEmpty());
  }

  /** The API server URL of the client in use, for error messages; null before one is made. */
  public String apiUrl() {
    return apiUrl;
  }

  void apiUrl(String url) {
    this.apiUrl = url;
  }
}

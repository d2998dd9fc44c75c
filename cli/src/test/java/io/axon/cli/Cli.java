package io.axon.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code axon} in-process against a given client, capturing what it prints. */
final class Cli {
  /** The clock every test sees: ages and durations are measured from here. */
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private final KubeClientFactory clients;
  private final Path home;
  private Terminal terminal = Terminal.none();
  private String stdin = "";
  private final Map<String, String> env = new HashMap<>();

  Cli(KubernetesClient client, Path home) {
    this((kubeconfig, context) -> client, home);
  }

  Cli(KubeClientFactory clients, Path home) {
    this.clients = clients;
    this.home = home;
  }

  Cli terminal(Terminal terminal) {
    this.terminal = terminal;
    return this;
  }

  Cli stdin(String text) {
    this.stdin = text;
    return this;
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** The config file tests write; commands read it through --config's default, ~/.axon. */
  Path configFile() {
    return home.resolve(".axon").resolve("config.yaml");
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            clients,
            env,
            terminal,
            Clock.fixed(NOW, ZoneOffset.UTC),
            home);
    int code = AxonCli.run(context, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** What a run printed and returned. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit %d%n--- out:%n%s--- err:%n%s".formatted(exitCode, out, err);
    }
  }
}

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
  private Instant now = Instant.parse("2026-11-20T12:00:00Z");

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

  /** The time the commands see: ages and durations are measured to it. */
  Cli now(Instant now) {
    this.now = now;
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
    return run(new StringWriter(), new StringWriter(), args);
  }

  /** Runs a command that does not end by itself (a watch, a follow) in a thread of its own. */
  Running start(String... args) {
    return new Running(this, args);
  }

  private Result run(StringWriter out, StringWriter err, String... args) {
    CliContext context =
        new CliContext(
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            clients,
            env,
            terminal,
            Clock.fixed(now, ZoneOffset.UTC),
            home);
    int code = AxonCli.run(context, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** A command running in the background; its output can be read while it runs. */
  static final class Running {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final java.util.concurrent.CompletableFuture<Result> result =
        new java.util.concurrent.CompletableFuture<>();
    private final Thread thread;

    private Running(Cli cli, String... args) {
      thread =
          new Thread(
              () -> {
                try {
                  result.complete(cli.run(out, err, args));
                } catch (Throwable t) {
                  result.completeExceptionally(t);
                }
              },
              "axon-" + args[0]);
      thread.start();
    }

    /** What it printed so far. */
    String out() {
      return out.toString();
    }

    /** What it printed on standard error so far. */
    String err() {
      return err.toString();
    }

    /** Waits until standard error contains the text. */
    void awaitErr(String text, java.time.Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!err().contains(text)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "no '%s' within %s in:%n%s%n%s".formatted(text, timeout, out(), err()));
        }
        Thread.sleep(20);
      }
    }

    /** Waits until the output contains the text. */
    void awaitOut(String text, java.time.Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!out().contains(text)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "no '%s' within %s in:%n%s%n%s".formatted(text, timeout, out(), err));
        }
        Thread.sleep(20);
      }
    }

    /** Waits for the command to end by itself. */
    Result await(java.time.Duration timeout) throws Exception {
      return result.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Interrupts the command (as Ctrl-C would end it) and waits for it. */
    Result stop() throws Exception {
      thread.interrupt();
      return await(java.time.Duration.ofSeconds(10));
    }
  }

  /** What a run printed and returned. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit %d%n--- out:%n%s--- err:%n%s".formatted(exitCode, out, err);
    }
  }
}

package io.axon.cli.startup;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.axon.cli.AxonCli;
import io.axon.cli.CliContext;
import io.axon.cli.Terminal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The training run of the JVM's class-data cache, a main class of its own beside the CLI's: the
 * {@code axon} launcher runs it once per jar and JDK ({@code java -XX:AOTCacheOutput=FILE -cp
 * axon.jar io.axon.cli.startup.TrainingRun}, or {@code -XX:ArchiveClassesAtExit} before JDK 25). It
 * runs {@code --help} and {@code get} against a throw-away API stand-in on 127.0.0.1 that speaks
 * HTTPS, so the cache holds the classes a real {@code axon get tasks} loads, TLS included. The
 * stand-in's key is made for the run ({@link TrainingIdentity}); the jar ships none.
 */
public final class TrainingRun {
  static final String TRAINED = "trained";

  /** The stand-in's one Task; no part of a path the run makes, so no error message names it. */
  static final String TASK_NAME = "stand-in-task";

  private static final String TASK_LIST =
      """
      {"apiVersion":"axon.io/v1alpha1","kind":"TaskList","metadata":{"resourceVersion":"1"},
       "items":[{"apiVersion":"axon.io/v1alpha1","kind":"Task",
        "metadata":{"name":"%s","namespace":"default","creationTimestamp":"2026-01-01T00:00:00Z"},
        "spec":{"type":"claude-code","prompt":"p","credentials":{"type":"api-key","secretRef":{"name":"s"}}},
        "status":{"phase":"Succeeded","startTime":"2026-01-01T00:00:00Z",
          "completionTime":"2026-01-01T00:01:00Z","result":{"costUSD":"0.12"}}}]}
      """
          .formatted(TASK_NAME);

  private TrainingRun() {}

  /**
   * Prints "trained" when every command succeeded and {@code get tasks} listed the stand-in's Task;
   * else what went wrong, and exits 1 (the launcher then keeps no cache).
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    DefaultKubeClientFactory.setUpTheProcess();
    String outcome = run();
    System.out.println(outcome);
    System.exit(outcome.equals(TRAINED) ? 0 : 1);
  }

  /** Runs the commands; what they saw, as {@link #main} prints it. */
  static String run() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("axon-train");
    try (DefaultKubeClientFactory clients = new DefaultKubeClientFactory()) {
      TrainingIdentity identity = TrainingIdentity.generate(dir);
      HttpServer server = server(identity);
      try {
        return train(dir, clients, server, identity);
      } finally {
        server.stop(0);
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** HTTPS when the JDK could make the training identity, else plain HTTP. */
  private static HttpServer server(TrainingIdentity identity) throws IOException {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    HttpServer server;
    if (identity == null) {
      server = HttpServer.create(loopback, 0);
    } else {
      HttpsServer https = HttpsServer.create(loopback, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(identity.sslContext()));
      server = https;
    }
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              exchange.getRequestURI().getPath().endsWith("/tasks")
                  ? TASK_LIST.getBytes(StandardCharsets.UTF_8)
                  : "{\"kind\":\"List\",\"apiVersion\":\"v1\",\"items\":[]}"
                      .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }

  private static String train(
      Path dir, DefaultKubeClientFactory clients, HttpServer server, TrainingIdentity identity)
      throws IOException {
    Path kubeconfig = dir.resolve("kubeconfig");
    int port = server.getAddress().getPort();
    Files.writeString(
        kubeconfig,
        identity == null
            ? """
              apiVersion: v1
              kind: Config
              clusters: [{name: train, cluster: {server: "http://127.0.0.1:%d"}}]
              users: [{name: train, user: {token: train}}]
              contexts: [{name: train, context: {cluster: train, user: train, namespace: default}}]
              current-context: train
              """
                .formatted(port)
            : """
              apiVersion: v1
              kind: Config
              clusters: [{name: train, cluster: {server: "https://127.0.0.1:%d", certificate-authority-data: %s}}]
              users: [{name: train, user: {client-certificate-data: %s, client-key-data: %s}}]
              contexts: [{name: train, context: {cluster: train, user: train, namespace: default}}]
              current-context: train
              """
                .formatted(
                    port,
                    base64(identity.certificatePem()),
                    base64(identity.certificatePem()),
                    base64(identity.keyPem())));
    // A config file of its own: the user's is none of the training's business, and a --config
    // that names no file is an error (so a missing one would train the error path, not `get`).
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, "namespace: default\n");
    String[] cluster = {"--kubeconfig", kubeconfig.toString(), "--config", config.toString()};
    String[] getTasks = concat(cluster, "get", "tasks");
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"--help"});
    lines.add(new String[] {"get", "--help"});
    lines.add(getTasks);
    lines.add(concat(cluster, "get", "taskspawners"));
    lines.add(concat(cluster, "get", "workspaces"));
    lines.add(concat(cluster, "get", "tasks", "-o", "yaml"));
    String tasks = null;
    for (String[] line : lines) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = AxonCli.run(context(dir, clients, out, err), line);
      if (code != 0) {
        return "`axon %s` exited %d: %s".formatted(String.join(" ", line), code, err);
      }
      if (line == getTasks) {
        tasks = out.toString();
      }
    }
    // The stand-in's Task as a row of the table: the command went all the way through the client.
    return tasks != null && tasks.lines().anyMatch(row -> row.startsWith(TASK_NAME + " "))
        ? TRAINED
        : "`axon get tasks` did not list the stand-in's Task " + TASK_NAME;
  }

  private static CliContext context(
      Path dir, DefaultKubeClientFactory clients, StringWriter out, StringWriter err) {
    return new CliContext(
        new PrintWriter(out),
        new PrintWriter(err),
        new ByteArrayInputStream(new byte[0]),
        clients,
        Map.of(),
        Terminal.none(),
        Clock.systemUTC(),
        dir);
  }

  private static String[] concat(String[] head, String... tail) {
    String[] line = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, line, head.length, tail.length);
    return line;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}

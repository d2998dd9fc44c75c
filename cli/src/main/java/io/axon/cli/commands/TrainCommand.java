package io.axon.cli.commands;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.axon.cli.AxonCli;
import io.axon.cli.CliCommand;
import io.axon.cli.CliContext;
import io.axon.cli.DefaultKubeClientFactory;
import io.axon.cli.ExitCodes;
import io.axon.cli.Terminal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;

/**
 * A training run for the JVM's class-data cache (the {@code axon} launcher runs it once with {@code
 * -XX:AOTCacheOutput} or {@code -XX:ArchiveClassesAtExit}): it runs {@code --help} and {@code get}
 * against a throw-away API stand-in on 127.0.0.1, so the cache holds the classes a real {@code axon
 * get tasks} loads. Hidden: not for people.
 */
@Command(name = "__train", hidden = true)
public final class TrainCommand extends CliCommand {
  private static final String TASK_LIST =
      """
      {"apiVersion":"axon.io/v1alpha1","kind":"TaskList","metadata":{"resourceVersion":"1"},
       "items":[{"apiVersion":"axon.io/v1alpha1","kind":"Task",
        "metadata":{"name":"train","namespace":"default","creationTimestamp":"2026-01-01T00:00:00Z"},
        "spec":{"type":"claude-code","prompt":"p","credentials":{"type":"api-key","secretRef":{"name":"s"}}},
        "status":{"phase":"Succeeded","startTime":"2026-01-01T00:00:00Z",
          "completionTime":"2026-01-01T00:01:00Z","result":{"costUSD":"0.12"}}}]}
      """;

  @Override
  protected int execute() throws IOException {
    String certPem = resource("throwaway-cert.pem");
    String keyPem = resource("throwaway-key.pem");
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(sslContext(certPem, keyPem)));
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
    Path dir = Files.createTempDirectory("axon-train");
    try (DefaultKubeClientFactory clients = new DefaultKubeClientFactory()) {
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(
          kubeconfig,
          """
          apiVersion: v1
          kind: Config
          clusters: [{name: train, cluster: {server: "https://127.0.0.1:%d", certificate-authority-data: %s}}]
          users: [{name: train, user: {client-certificate-data: %s, client-key-data: %s}}]
          contexts: [{name: train, context: {cluster: train, user: train, namespace: default}}]
          current-context: train
          """
              .formatted(
                  server.getAddress().getPort(), base64(certPem), base64(certPem), base64(keyPem)));
      StringWriter sink = new StringWriter();
      CliContext quiet =
          new CliContext(
              new PrintWriter(sink),
              new PrintWriter(sink),
              new ByteArrayInputStream(new byte[0]),
              clients,
              Map.of(),
              Terminal.none(),
              Clock.systemUTC(),
              dir);
      String config = dir.resolve("config.yaml").toString();
      AxonCli.run(quiet, "--help");
      AxonCli.run(quiet, "get", "--help");
      for (String kind : new String[] {"tasks", "taskspawners", "workspaces"}) {
        AxonCli.run(quiet, "--kubeconfig", kubeconfig.toString(), "--config", config, "get", kind);
      }
      AxonCli.run(
          quiet,
          "--kubeconfig",
          kubeconfig.toString(),
          "--config",
          config,
          "get",
          "tasks",
          "-o",
          "yaml");
      out().println(sink.toString().contains("train") ? "trained" : "training saw no tasks");
      return ExitCodes.OK;
    } finally {
      server.stop(0);
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /**
   * The training server's TLS identity: a published, throwaway self-signed certificate for
   * 127.0.0.1 (see train/README.txt), so the cache also holds the TLS and client-certificate code.
   */
  private static SSLContext sslContext(String certPem, String keyPem) throws IOException {
    try {
      Certificate cert =
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)));
      String body =
          keyPem
              .replace("-----BEGIN PRIVATE KEY-----", "")
              .replace("-----END PRIVATE KEY-----", "")
              .replaceAll("\\s", "");
      PrivateKey key =
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = "train".toCharArray();
      store.setKeyEntry("train", key, password, new Certificate[] {cert});
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up the training server's TLS", e);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = TrainCommand.class.getResourceAsStream("/io/axon/cli/train/" + name)) {
      if (in == null) {
        throw new IOException(name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }
}

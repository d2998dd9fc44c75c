package io.axon.controller.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.controller.runtime.Addresses;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge with {@code tls.clientCAPath} (mTLS) and a token, in real TLS handshakes: a client
 * without a certificate, or with one another CA signed, is refused; the example client with a
 * certificate the configured CA signed, and the token, gets events.
 */
@EnableKubernetesMockClient(crud = true)
class BridgeMutualTlsTest {
  static final String TOKEN = "bridge-token-0123456789abcdef";
  static final char[] PASSWORD = "changeit".toCharArray();

  KubernetesClient client;
  ControllerHarness harness;
  SelfSignedCertificate server;
  int port;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    // The clients' CA, a client it signed, and a stranger that signed its own certificate.
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt")
        .subject("/CN=axon-bridge-clients");
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "watcher.key", "-out", "watcher.csr")
        .subject("/CN=watcher");
    openssl(
            "x509",
            "-req",
            "-in",
            "watcher.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "watcher.crt",
            "-days",
            "2")
        .run();
    openssl(
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "stranger.key",
            "-out",
            "stranger.crt")
        .subject("/CN=stranger");
    Files.writeString(dir.resolve("token"), TOKEN + "\n");

    server = SelfSignedCertificate.create("localhost");
    port = BridgedController.freePort();
    harness =
        BridgedController.start(
            client,
            new JsonObject()
                .put("enabled", true)
                .put("port", port)
                .put("auth", new JsonObject().put("tokenFile", dir.resolve("token").toString()))
                .put(
                    "tls",
                    new JsonObject()
                        .put("certPath", server.certificatePath())
                        .put("keyPath", server.privateKeyPath())
                        .put("clientCAPath", dir.resolve("ca.crt").toString())));
  }

  @AfterEach
  void stop() {
    harness.close();
    server.delete();
  }

  @Test
  void aClientWithoutACertificateIsRefused() throws Exception {
    assertRefused(tls(null));
  }

  @Test
  void aClientWithACertificateAnotherCaSignedIsRefused() throws Exception {
    assertRefused(tls("stranger"));
  }

  @Test
  void aJavaClientWithACertificateTheCaSignedGetsEvents() throws Exception {
    SSLSocket socket = (SSLSocket) tls("watcher").createSocket("127.0.0.1", port);
    socket.startHandshake();
    try (BridgeClient bridge = new BridgeClient(socket)) {
      bridge.write(
          new JsonObject()
              .put("type", "register")
              .put("address", Addresses.TASK_CREATED)
              .put("headers", new JsonObject().put("authorization", TOKEN)));
      bridge.sync();
      TaskRun.start(client, Fixtures.task("mutual"));
      JsonObject frame = bridge.read();
      assertThat(frame.getString("address")).isEqualTo(Addresses.TASK_CREATED);
      assertThat(frame.getJsonObject("body").getString("name")).isEqualTo("mutual");
    }
  }

  @Test
  void theExampleClientWithTheCasCertificateAndTheTokenGetsEvents() throws Exception {
    Process watcher = watch("--token-file", dir.resolve("token").toString());
    try (var output = WatchTasksScript.reader(watcher.getInputStream())) {
      assertThat(output.readLine()).startsWith("Watching axon.task.created on localhost:");
      TaskRun.start(client, Fixtures.task("mutual-py"));
      assertThat(output.readLine()).contains("created   team-a/mutual-py type=claude-code");
      assertThat(watcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(watcher.exitValue()).isZero();
    } finally {
      watcher.destroyForcibly();
    }
  }

  @Test
  void theExampleClientWithoutTheTokenSaysToPassIt() throws Exception {
    Process watcher = watch();
    assertThat(watcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String printed = new String(watcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(watcher.exitValue()).as(printed).isEqualTo(1);
    assertThat(printed)
        .startsWith(
            "The bridge refused a request: it requires its token (bridge.auth.tokenFile), and"
                + " none was given: pass --token-file FILE");
  }

  /** The example client with the watcher's certificate, watching axon.task.created once. */
  private Process watch(String... more) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--host",
                "localhost",
                "--port",
                String.valueOf(port),
                "--cafile",
                server.certificatePath(),
                "--certfile",
                dir.resolve("watcher.crt").toString(),
                "--keyfile",
                dir.resolve("watcher.key").toString(),
                "--address",
                Addresses.TASK_CREATED,
                "--count",
                "1"));
    args.addAll(List.of(more));
    return WatchTasksScript.startMerged(args.toArray(String[]::new));
  }

  /** The handshake or the first frames fail: the server wants a certificate its CA signed. */
  private void assertRefused(javax.net.ssl.SSLSocketFactory factory) throws Exception {
    SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port);
    try {
      assertThatThrownBy(
              () -> {
                socket.startHandshake();
                BridgeClient bridge = new BridgeClient(socket);
                bridge.write(
                    new JsonObject()
                        .put("type", "register")
                        .put("address", Addresses.TASK_CREATED)
                        .put("headers", new JsonObject().put("authorization", TOKEN)));
                bridge.sync();
              })
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(SocketTimeoutException.class);
    } finally {
      try {
        socket.close();
      } catch (IOException e) {
        // already broken by the refusal
      }
    }
  }

  /** TLS trusting the bridge's certificate, presenting this client's (none when null). */
  private javax.net.ssl.SSLSocketFactory tls(String clientName) throws Exception {
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(Path.of(server.certificatePath()))) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("bridge", cert);
    TrustManagerFactory trusted =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trusted.init(trust);
    KeyManagerFactory keys = null;
    if (clientName != null) {
      openssl(
              "pkcs12",
              "-export",
              "-in",
              clientName + ".crt",
              "-inkey",
              clientName + ".key",
              "-out",
              clientName + ".p12",
              "-passout",
              "pass:" + new String(PASSWORD))
          .run();
      KeyStore identity = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(dir.resolve(clientName + ".p12"))) {
        identity.load(in, PASSWORD);
      }
      keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(identity, PASSWORD);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys == null ? null : keys.getKeyManagers(), trusted.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private OpenSsl openssl(String... args) {
    return new OpenSsl(dir, List.of(args));
  }

  /** The openssl CLI, run in the test's directory. */
  private record OpenSsl(Path dir, List<String> args) {
    void subject(String subject) throws Exception {
      List<String> all = new ArrayList<>(args);
      all.addAll(List.of("-subj", subject, "-days", "2"));
      new OpenSsl(dir, all).run();
    }

    void run() throws Exception {
      List<String> command = new ArrayList<>(List.of("openssl"));
      command.addAll(args);
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
  }
}

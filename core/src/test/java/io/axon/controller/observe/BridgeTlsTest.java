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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge serving TLS from PEM files, to a client that trusts its certificate. */
@EnableKubernetesMockClient(crud = true)
class BridgeTlsTest {
  KubernetesClient client;
  ControllerHarness harness;
  SelfSignedCertificate certificate;
  int port;

  @BeforeEach
  void start() throws Exception {
    certificate = SelfSignedCertificate.create("localhost");
    port = BridgedController.freePort();
    harness =
        BridgedController.start(
            client,
            new JsonObject()
                .put("enabled", true)
                .put("port", port)
                .put(
                    "tls",
                    new JsonObject()
                        .put("certPath", certificate.certificatePath())
                        .put("keyPath", certificate.privateKeyPath())));
  }

  @AfterEach
  void stop() {
    harness.close();
    certificate.delete();
  }

  @Test
  void aClientThatTrustsTheCertificateGetsEventsOverTls() throws Exception {
    SSLSocket socket =
        (SSLSocket) trusting(certificate.certificatePath()).createSocket("127.0.0.1", port);
    socket.startHandshake();
    try (BridgeClient bridge = new BridgeClient(socket)) {
      bridge.register(Addresses.TASK_CREATED);
      bridge.sync();
      TaskRun.start(client, Fixtures.task("secure"));
      JsonObject frame = bridge.read();
      assertThat(frame.getString("address")).isEqualTo("axon.task.created");
      assertThat(frame.getJsonObject("body").getString("name")).isEqualTo("secure");
    }
  }

  @Test
  void theExampleClientConnectsWithTlsAndVerifiesTheCertificate() throws Exception {
    Process watcher =
        WatchTasksScript.startMerged(
            "--host",
            "localhost",
            "--port",
            String.valueOf(port),
            "--cafile",
            certificate.certificatePath(),
            "--address",
            Addresses.TASK_CREATED,
            "--count",
            "1");
    try (var output = WatchTasksScript.reader(watcher.getInputStream())) {
      assertThat(output.readLine()).startsWith("Watching axon.task.created on localhost:");
      TaskRun.start(client, Fixtures.task("secure-py"));
      assertThat(output.readLine()).contains("created   team-a/secure-py type=claude-code");
      assertThat(watcher.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(watcher.exitValue()).isZero();
    } finally {
      watcher.destroyForcibly();
    }
  }

  @Test
  void theExampleClientRefusesACertificateItDoesNotTrust() throws Exception {
    Process watcher =
        WatchTasksScript.startMerged(
            "--host", "localhost", "--port", String.valueOf(port), "--tls");
    assertThat(watcher.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(watcher.exitValue()).isEqualTo(2);
    assertThat(
            new String(
                watcher.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("Cannot connect to the Axon bridge at localhost:")
        .contains("CERTIFICATE_VERIFY_FAILED");
  }

  @Test
  void plainTcpIsNotServedWhenTlsIsOn() throws Exception {
    try (BridgeClient bridge = BridgeClient.connect(port)) {
      bridge.write(new JsonObject().put("type", "ping"));
      // The server hangs up on bytes that are not TLS; it does not leave the client waiting.
      assertThatThrownBy(bridge::read)
          .isInstanceOf(java.io.IOException.class)
          .isNotInstanceOf(java.net.SocketTimeoutException.class);
    }
  }

  private static javax.net.ssl.SSLSocketFactory trusting(String certPath) throws Exception {
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(Path.of(certPath))) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("bridge", cert);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context.getSocketFactory();
  }
}

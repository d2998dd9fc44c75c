package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The CLI's client factory against a plain HTTP server on 127.0.0.1 that answers one list. */
class DefaultKubeClientFactoryTest {

  @TempDir Path dir;
  HttpServer server;
  Path kubeconfig;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/namespaces",
        exchange -> {
          byte[] body =
              "{\"apiVersion\":\"v1\",\"kind\":\"NamespaceList\",\"metadata\":{},\"items\":[]}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster: {server: "http://127.0.0.1:%d"}
            users:
            - name: me
              user: {token: t0k3n}
            contexts:
            - name: one
              context: {cluster: local, user: me, namespace: team}
            - name: two
              context: {cluster: local, user: me, namespace: other}
            current-context: one
            """
                .formatted(server.getAddress().getPort()));
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @ParameterizedTest
  @EnumSource(KubeTransport.class)
  void aPrefetchedClientIsTheOneTheCommandGets(KubeTransport transport) {
    try (DefaultKubeClientFactory factory = new DefaultKubeClientFactory(transport)) {
      factory.prefetch(new ClientPrefetch(kubeconfig, "two"));

      KubernetesClient client = factory.create(kubeconfig, "two");

      assertThat(client.getNamespace()).isEqualTo("other");
      assertThat(client.namespaces().list().getItems()).isEmpty();
      // Asked again, the factory makes a new client rather than handing the same one out twice.
      assertThat(factory.create(kubeconfig, "two")).isNotSameAs(client);
    }
  }

  @Test
  void aWrongGuessIsIgnoredAndStillClosed() throws InterruptedException {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    DefaultKubeClientFactory factory = new DefaultKubeClientFactory(KubeTransport.VERTX);
    factory.prefetch(new ClientPrefetch(kubeconfig, "two"));

    KubernetesClient client = factory.create(kubeconfig, "one");
    client.namespaces().list();
    factory.close();

    assertThat(client.getNamespace()).isEqualTo("team");
    assertThat(eventLoopsLeft(before)).isEmpty();
  }

  @Test
  void aPrefetchThatFailedFailsAgainWithTheUsualMessage() {
    Path missing = dir.resolve("missing");
    try (DefaultKubeClientFactory factory = new DefaultKubeClientFactory()) {
      factory.prefetch(new ClientPrefetch(missing, null));

      assertThatThrownBy(() -> factory.create(missing, null))
          .isInstanceOf(UserException.class)
          .hasMessage("cannot read kubeconfig " + missing);
      assertThatThrownBy(() -> factory.create(kubeconfig, "three"))
          .isInstanceOf(UserException.class)
          .hasMessage("context three not found in the kubeconfig");
    }
  }

  @Test
  void aKubeconfigThatIsNotYamlIsNamedWithItsLine() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad"), "apiVersion: v1\nclusters: [\n");
    try (DefaultKubeClientFactory factory = new DefaultKubeClientFactory()) {
      assertThatThrownBy(() -> factory.create(bad, null))
          .isInstanceOf(UserException.class)
          .hasMessage(
              bad + ":3: not valid YAML: expected the node content, but found '<stream end>'");
    }
  }

  @Test
  void aKubeconfigWithoutCurrentContextSaysHowToChooseOne() throws IOException {
    Path none =
        Files.writeString(
            dir.resolve("none"),
            Files.readString(kubeconfig).replace("current-context: one", "current-context: \"\""));
    try (DefaultKubeClientFactory factory = new DefaultKubeClientFactory()) {
      assertThatThrownBy(() -> factory.create(none, null))
          .isInstanceOf(UserException.class)
          .hasMessage(
              "the kubeconfig (%s) sets no current-context: choose one with `kubectl config"
                      .formatted(none)
                  + " use-context NAME` or pass --context");
      assertThat(factory.create(none, "two").getNamespace()).isEqualTo("other");
    }
  }

  @Test
  void closingStopsTheEventLoopSoThatTheJvmExitsAtOnce() throws InterruptedException {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    DefaultKubeClientFactory factory = new DefaultKubeClientFactory(KubeTransport.VERTX);
    factory.create(kubeconfig, null).namespaces().list();
    assertThat(newEventLoops(before)).isNotEmpty();

    factory.close();

    assertThat(eventLoopsLeft(before)).isEmpty();
  }

  @Test
  void closingWaitsForAnUnusedPrefetchAndClosesItsClientToo() throws InterruptedException {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    DefaultKubeClientFactory factory = new DefaultKubeClientFactory(KubeTransport.VERTX);
    factory.prefetch(new ClientPrefetch(kubeconfig, null));

    factory.close();

    assertThat(eventLoopsLeft(before)).isEmpty();
  }

  @Test
  void theTransportIsTheJdkClientFromJdk21OrTheOneThePropertyNames() {
    String saved = System.getProperty(KubeTransport.PROPERTY);
    try {
      System.clearProperty(KubeTransport.PROPERTY);
      assertThat(KubeTransport.forThisProcess())
          .isEqualTo(Runtime.version().feature() >= 21 ? KubeTransport.JDK : KubeTransport.VERTX);
      System.setProperty(KubeTransport.PROPERTY, "Vertx");
      assertThat(KubeTransport.forThisProcess()).isEqualTo(KubeTransport.VERTX);
      System.setProperty(KubeTransport.PROPERTY, "jdk");
      assertThat(KubeTransport.forThisProcess()).isEqualTo(KubeTransport.JDK);
      System.setProperty(KubeTransport.PROPERTY, "okhttp");
      assertThatThrownBy(KubeTransport::forThisProcess)
          .isInstanceOf(UserException.class)
          .hasMessage("-Daxon.kube.transport must be jdk or vertx, not okhttp");
    } finally {
      if (saved == null) {
        System.clearProperty(KubeTransport.PROPERTY);
      } else {
        System.setProperty(KubeTransport.PROPERTY, saved);
      }
    }
  }

  private static Set<String> newEventLoops(Set<Thread> before) {
    return eventLoopsSince(before).stream().map(Thread::getName).collect(Collectors.toSet());
  }

  /**
   * The event loops started since {@code before} that are still running a moment after close: a
   * thread whose loop has ended can take a few milliseconds more to be gone.
   */
  private static Set<String> eventLoopsLeft(Set<Thread> before) throws InterruptedException {
    for (Thread loop : eventLoopsSince(before)) {
      loop.join(2_000);
    }
    return newEventLoops(before);
  }

  private static List<Thread> eventLoopsSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive())
        .filter(t -> t.getName().startsWith("vert.x-eventloop"))
        .toList();
  }
}

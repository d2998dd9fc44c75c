package io.axon.cli.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.axon.cli.UserException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void aPrefetchedClientIsTheOneTheCommandGets() {
    try (DefaultKubeClientFactory factory = new DefaultKubeClientFactory()) {
      factory.prefetch(new ClientPrefetch(kubeconfig, "two"));

      KubernetesClient client = factory.create(kubeconfig, "two");

      assertThat(client.getNamespace()).isEqualTo("other");
      assertThat(client.namespaces().list().getItems()).isEmpty();
      // Asked again, the factory makes a new client rather than handing the same one out twice.
      assertThat(factory.create(kubeconfig, "two")).isNotSameAs(client);
    }
  }

  @Test
  void aWrongGuessIsIgnoredAndItsThreadHasEndedWhenTheFactoryIsClosed() {
    DefaultKubeClientFactory factory = new DefaultKubeClientFactory();
    factory.prefetch(new ClientPrefetch(kubeconfig, "two"));

    KubernetesClient client = factory.create(kubeconfig, "one");
    client.namespaces().list();
    factory.close();

    assertThat(client.getNamespace()).isEqualTo("team");
    assertThat(client.getHttpClient().isClosed()).isTrue();
    assertThat(prefetchThreads()).isEmpty();
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
  void closingClosesTheClientsItMade() {
    DefaultKubeClientFactory factory = new DefaultKubeClientFactory();
    KubernetesClient client = factory.create(kubeconfig, null);
    client.namespaces().list();

    factory.close();

    assertThat(client.getHttpClient().isClosed()).isTrue();
  }

  @Test
  void closingWaitsForAnUnusedPrefetch() {
    DefaultKubeClientFactory factory = new DefaultKubeClientFactory();
    factory.prefetch(new ClientPrefetch(kubeconfig, null));

    factory.close();

    assertThat(prefetchThreads()).isEmpty();
  }

  /** The prefetch threads still running; close() waits for them (CliJarIT: for the selector). */
  private static List<String> prefetchThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.equals("axon-client-prefetch"))
        .toList();
  }
}

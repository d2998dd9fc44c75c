package io.axon.cli;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A real kube-apiserver and etcd on 127.0.0.1, from the binaries cached in {@code
 * ~/.cache/axon/kubeapitest/k8s/<version>-linux-amd64/} (nothing is downloaded). Used by the *IT
 * tests and by hack/bench-cli.sh.
 */
final class RealApiServer implements AutoCloseable {
  static final Path BINARIES =
      Path.of(
          System.getenv()
              .getOrDefault(
                  "KUBE_API_TEST_DIR",
                  System.getProperty("user.home") + "/.cache/axon/kubeapitest"));

  private final KubeAPIServer server;

  private RealApiServer(KubeAPIServer server) {
    this.server = server;
  }

  static RealApiServer start() {
    requireBinaries();
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(BINARIES.toString())
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                .build());
    server.start();
    return new RealApiServer(server);
  }

  /** A kubeconfig for the server (TLS, client certificate), as a file. */
  Path writeKubeconfig(Path file) throws IOException {
    Files.writeString(file, server.getKubeConfigYaml());
    return file;
  }

  String kubeconfigYaml() {
    return server.getKubeConfigYaml();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static void requireBinaries() {
    Path k8s = BINARIES.resolve("k8s");
    boolean present;
    try (Stream<Path> versions = Files.isDirectory(k8s) ? Files.list(k8s) : Stream.empty()) {
      present = versions.anyMatch(v -> Files.isExecutable(v.resolve("kube-apiserver")));
    } catch (IOException e) {
      present = false;
    }
    if (!present) {
      throw new IllegalStateException(
          "no kube-apiserver binaries under "
              + k8s
              + " (see shared/notes/kube-control-plane-offline.md for how they are built)");
    }
  }
}

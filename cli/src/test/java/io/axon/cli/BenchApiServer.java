package io.axon.cli;

import io.axon.api.v1alpha1.Task;
import io.axon.cli.install.Installer;
import io.axon.cli.install.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * For hack/bench-cli.sh: a real API server with Axon's CRDs and a few Tasks in namespace default.
 * Writes a kubeconfig to the path given, prints {@code ready}, and stops when standard input ends.
 */
public final class BenchApiServer {
  private BenchApiServer() {}

  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args[0]);
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    try (RealApiServer server = RealApiServer.start();
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(server.kubeconfigYaml()))
                .build()) {
      seed(client, tasks);
      server.writeKubeconfig(kubeconfig);
      System.out.println("ready");
      System.out.flush();
      while (System.in.read() >= 0) {
        // Runs until the script closes our standard input.
      }
    }
  }

  /** Axon's CRDs, established, and {@code tasks} Tasks named bench-task-N in namespace default. */
  static void seed(KubernetesClient client, int tasks) {
    for (HasMetadata object : Manifests.bundled().load(client)) {
      if (object instanceof CustomResourceDefinition crd) {
        client.resource(crd).create();
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(crd.getMetadata().getName())
            .waitUntilCondition(Installer::established, 60, TimeUnit.SECONDS);
      }
    }
    for (int i = 0; i < tasks; i++) {
      Task task = Fixtures.task("default", "bench-task-" + i, null);
      client.resource(task).create();
    }
  }
}

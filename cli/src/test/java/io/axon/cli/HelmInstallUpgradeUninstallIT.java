package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real helm binary installs the chart on a real API server (CRDs, RBAC, the controller's
 * Deployment), upgrades it with a changed value, and uninstalls it (CRDs stay, as Helm does). There
 * is no kubelet here: the Deployment's pods never run, so no --wait.
 */
class HelmInstallUpgradeUninstallIT {
  static RealApiServer server;
  static Path kubeconfig;
  static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    server = RealApiServer.start();
    kubeconfig = server.writeKubeconfig(Files.createTempFile("helm-it", ".kubeconfig"));
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(server.kubeconfigYaml()))
            .build();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  Deployment deployment() {
    return client.apps().deployments().inNamespace("axon-system").withName("axon-controller").get();
  }

  @Test
  void installUpgradeUninstall() throws Exception {
    String chart = Helm.CHART.toString();
    Helm.run(kubeconfig, "install", "axon", chart, "-n", "axon-system", "--create-namespace");
    assertThat(
            client.apiextensions().v1().customResourceDefinitions().withName("tasks.axon.io").get())
        .isNotNull();
    assertThat(client.rbac().clusterRoles().withName("axon-controller").get()).isNotNull();
    assertThat(deployment().getSpec().getReplicas()).isEqualTo(2);

    Helm.run(
        kubeconfig,
        "upgrade",
        "axon",
        chart,
        "-n",
        "axon-system",
        "--set",
        "replicas=1",
        "--set",
        "image.tag=0.2.0");
    Deployment upgraded = deployment();
    assertThat(upgraded.getSpec().getReplicas()).isEqualTo(1);
    assertThat(upgraded.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("ghcr.io/axon-core/axon-controller:0.2.0");
    assertThat(Helm.run(kubeconfig, "list", "-n", "axon-system", "-o", "json"))
        .contains("\"revision\":\"2\"");

    Helm.run(kubeconfig, "uninstall", "axon", "-n", "axon-system", "--wait");
    assertThat(deployment()).isNull();
    assertThat(client.rbac().clusterRoles().withName("axon-controller").get()).isNull();
    assertThat(
            client.apiextensions().v1().customResourceDefinitions().withName("tasks.axon.io").get())
        .isNotNull();
  }
}

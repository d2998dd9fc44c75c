package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.cli.startup.DefaultKubeClientFactory;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code axon install --values FILE --set KEY=VALUE} renders the chart bundled in the CLI with the
 * real helm binary and applies the result to a real API server: the CRDs, and the controller's
 * Deployment with the values file's and the --set's values. A bare API server runs no Deployment
 * controller, so the install then times out waiting for the controller to be available.
 */
class InstallRendersTheHelmChartWithValuesIT {
  static RealApiServer server;
  static KubernetesClient client;
  static Path kubeconfig;

  @TempDir static Path home;

  @BeforeAll
  static void start() throws Exception {
    server = RealApiServer.start();
    kubeconfig = server.writeKubeconfig(home.resolve("kubeconfig"));
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

  @Test
  void appliesTheChartRenderedWithTheValues() throws Exception {
    Path values =
        Files.writeString(
            home.resolve("values.yaml"),
            """
            replicas: 1
            resources:
              limits: {cpu: "2", memory: 512Mi}
            """);

    Cli.Result result =
        new Cli(new DefaultKubeClientFactory(), home)
            .env("AXON_HELM", Helm.binary().toString())
            .run(
                "--kubeconfig",
                kubeconfig.toString(),
                "install",
                "--values",
                values.toString(),
                "--set",
                "image.tag=0.3.0",
                "--timeout",
                "2s");

    assertThat(result.out())
        .contains(
            "customresourcedefinition.apiextensions.k8s.io/tasks.axon.io serverside-applied",
            "deployment.apps/axon-controller serverside-applied");
    assertThat(result.err())
        .as(result.toString())
        .contains("deployment axon-system/axon-controller did not become available within 2s");
    assertThat(result.exitCode()).isEqualTo(1);
    Deployment deployment =
        client.apps().deployments().inNamespace("axon-system").withName("axon-controller").get();
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("ghcr.io/axon-core/axon-controller:0.3.0");
    assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("512Mi");
    assertThat(
            client.apiextensions().v1().customResourceDefinitions().withName("tasks.axon.io").get())
        .isNotNull();
  }
}

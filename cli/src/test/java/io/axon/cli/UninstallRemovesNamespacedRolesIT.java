package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.cli.install.Manifests;
import io.axon.cli.startup.DefaultKubeClientFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real API server, {@code axon uninstall} removes the Roles and RoleBindings that {@code axon
 * install --namespaces a,b} made in a and b, and leaves a Role of the user's own there.
 */
class UninstallRemovesNamespacedRolesIT {
  static final Path DEPLOY = Path.of("..", "deploy");

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
            .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(server.kubeconfigYaml()))
            .build();
    for (String namespace : List.of("a", "b")) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
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
  void theRolesOfANamespacedInstallGoAndTheUsersOwnStays() {
    // What `axon install --namespaces a,b` applies (it then waits for a Deployment controller that
    // a bare API server does not run).
    for (HasMetadata object :
        Manifests.directory(DEPLOY).loadNamespaced(client, List.of("a", "b"))) {
      client.resource(object).forceConflicts().serverSideApply();
    }
    client.resource(usersOwnRole("a")).create();
    assertThat(client.rbac().roles().inNamespace("a").withName("axon-controller").get())
        .isNotNull();
    assertThat(client.rbac().roleBindings().inNamespace("b").withName("axon-controller").get())
        .isNotNull();

    Cli.Result result =
        new Cli(new DefaultKubeClientFactory(), home)
            .run(
                "--kubeconfig",
                kubeconfig.toString(),
                "uninstall",
                "--yes",
                "--manifests",
                DEPLOY.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains(
            "rolebinding.rbac.authorization.k8s.io/axon-controller in namespace a deleted",
            "role.rbac.authorization.k8s.io/axon-controller in namespace a deleted",
            "rolebinding.rbac.authorization.k8s.io/axon-controller in namespace b deleted",
            "role.rbac.authorization.k8s.io/axon-controller in namespace b deleted")
        .endsWith("Axon is uninstalled.\n");
    for (String namespace : List.of("a", "b")) {
      assertThat(client.rbac().roleBindings().inNamespace(namespace).list().getItems())
          .as("RoleBindings in " + namespace)
          .isEmpty();
    }
    assertThat(client.rbac().roles().inNamespace("a").list().getItems())
        .extracting(r -> r.getMetadata().getName())
        .containsExactly("users-own");
    assertThat(client.rbac().roles().inNamespace("b").list().getItems()).isEmpty();
  }

  private static Role usersOwnRole(String namespace) {
    return new RoleBuilder()
        .withNewMetadata()
        .withName("users-own")
        .withNamespace(namespace)
        .addToLabels("app.kubernetes.io/name", "axon-controller")
        .endMetadata()
        .addNewRule()
        .withApiGroups("")
        .withResources("configmaps")
        .withVerbs("get")
        .endRule()
        .build();
  }
}

package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.cli.install.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code axon install --namespaces a,b} applies: no ClusterRole, the controller's Role (the
 * ClusterRole's very rules) bound in each namespace, and settings that watch only them.
 * NamespacedInstallIT proves on a real API server what those rights allow.
 */
class NamespacedManifestsTest {
  static final Manifests DEPLOY = Manifests.directory(Path.of("..", "deploy"));
  static KubernetesClient client;

  @BeforeAll
  static void client() {
    client = new KubernetesClientBuilder().build();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void rolesInEachNamespaceWithTheClusterRolesRulesAndNoClusterRole() {
    ClusterRole clusterRole =
        DEPLOY.load(client).stream()
            .filter(ClusterRole.class::isInstance)
            .map(ClusterRole.class::cast)
            .findFirst()
            .orElseThrow();

    List<HasMetadata> objects = DEPLOY.loadNamespaced(client, List.of("a", " b", "a"));

    assertThat(objects).noneMatch(o -> o instanceof ClusterRole || o instanceof ClusterRoleBinding);
    List<Role> roles =
        objects.stream()
            .filter(Role.class::isInstance)
            .map(Role.class::cast)
            .filter(r -> r.getMetadata().getName().equals("axon-controller"))
            .toList();
    assertThat(roles).extracting(r -> r.getMetadata().getNamespace()).containsExactly("a", "b");
    roles.forEach(r -> assertThat(r.getRules()).isEqualTo(clusterRole.getRules()));
    assertThat(
            objects.stream()
                .filter(RoleBinding.class::isInstance)
                .map(RoleBinding.class::cast)
                .filter(b -> b.getRoleRef().getName().equals("axon-controller")))
        .allSatisfy(
            b -> {
              assertThat(b.getRoleRef().getKind()).isEqualTo("Role");
              assertThat(b.getSubjects())
                  .singleElement()
                  .satisfies(s -> assertThat(s.getNamespace()).isEqualTo("axon-system"));
            })
        .extracting(b -> b.getMetadata().getNamespace())
        .containsExactly("a", "b");
    // Leader election keeps its Role in axon-system.
    assertThat(objects)
        .anyMatch(o -> o.getMetadata().getName().equals("axon-controller-leader-election"));
    String settings =
        objects.stream()
            .filter(ConfigMap.class::isInstance)
            .map(ConfigMap.class::cast)
            .findFirst()
            .orElseThrow()
            .getData()
            .get("controller.yaml");
    assertThat(settings).startsWith("namespaces: [a, b]\n").contains("leaderElection:");
  }

  @Test
  void aBadNamespaceNameIsRefusedWithAnExample() {
    assertThatThrownBy(() -> DEPLOY.loadNamespaced(client, List.of("a", "Team_B")))
        .isInstanceOf(UserException.class)
        .hasMessage(
            "--namespaces: \"Team_B\" is not a namespace name (lower-case letters, digits and '-',"
                + " at most 63; for example --namespaces team-a,team-b)");
  }
}

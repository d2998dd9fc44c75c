package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.controller.it.RepoPaths;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/gateway-namespaced keeps in step with deploy/gateway: its Role has the ClusterRole's
 * rules, bound to the same service account, and its settings are the cluster-wide ones plus
 * namespaces.
 */
class NamespacedGatewayManifestsTest {
  static final Path CLUSTER = RepoPaths.root().resolve("deploy/gateway");
  static final Path NAMESPACED = RepoPaths.root().resolve("deploy/gateway-namespaced");

  @Test
  void theRoleHasTheClusterRolesRulesForTheSameServiceAccountAndNamesNoNamespace()
      throws IOException {
    List<HasMetadata> cluster = load(CLUSTER.resolve("rbac.yaml"));
    List<HasMetadata> namespaced = load(NAMESPACED.resolve("rbac.yaml"));
    ClusterRole clusterRole = one(cluster, ClusterRole.class);
    Role role = one(namespaced, Role.class);
    assertThat(role.getRules()).isEqualTo(clusterRole.getRules());
    assertThat(one(namespaced, RoleBinding.class).getSubjects())
        .isEqualTo(one(cluster, ClusterRoleBinding.class).getSubjects());
    assertThat(namespaced)
        .as("applied with -n NAMESPACE, so it names none of its own")
        .allSatisfy(object -> assertThat(object.getMetadata().getNamespace()).isNull());
  }

  @Test
  void itsSettingsAreTheClusterWideOnesPlusTheNamespacesItServes() throws IOException {
    JsonObject cluster = settings(CLUSTER.resolve("config.yaml"));
    JsonObject namespaced = settings(NAMESPACED.resolve("config.yaml"));
    assertThat(GatewaySettings.fromJson(namespaced).namespaces()).isNotEmpty();
    namespaced.remove("namespaces");
    assertThat(namespaced).isEqualTo(cluster);
  }

  private static List<HasMetadata> load(Path file) throws IOException {
    return Serialization.unmarshal(Files.readString(file));
  }

  private static <T> T one(List<HasMetadata> objects, Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static JsonObject settings(Path file) throws IOException {
    ConfigMap map = Serialization.unmarshal(Files.readString(file), ConfigMap.class);
    return new JsonObject(Serialization.unmarshal(map.getData().get("gateway.yaml"), Map.class));
  }
}

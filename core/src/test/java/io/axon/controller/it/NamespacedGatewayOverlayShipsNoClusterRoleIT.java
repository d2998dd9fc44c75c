package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.gateway.GatewaySettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * deploy/gateway-namespaced, rendered by the real {@code kubectl kustomize}, ships a Deployment,
 * its ConfigMap and ServiceAccount but no ClusterRole or ClusterRoleBinding, and its settings serve
 * the namespaces they list.
 */
class NamespacedGatewayOverlayShipsNoClusterRoleIT {

  @Test
  void theOverlayShipsNoClusterRoleAndServesTheNamespacesItLists() throws Exception {
    Path kubectl = ControlPlaneBinaries.dir().resolve("kubectl");
    Process process =
        new ProcessBuilder(
                kubectl.toString(),
                "kustomize",
                RepoPaths.root().resolve("deploy/gateway-namespaced").toString())
            .redirectErrorStream(true)
            .start();
    String rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(rendered).isTrue();
    assertThat(process.exitValue()).as(rendered).isZero();

    List<HasMetadata> objects = Serialization.unmarshal(rendered);
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains("Deployment", "ConfigMap", "ServiceAccount")
        .doesNotContain("ClusterRole", "ClusterRoleBinding");
    String settings =
        objects.stream()
            .filter(ConfigMap.class::isInstance)
            .map(o -> ((ConfigMap) o).getData().get("gateway.yaml"))
            .findFirst()
            .orElseThrow();
    Map<String, Object> yaml = Serialization.unmarshal(settings, Map.class);
    assertThat(GatewaySettings.fromJson(new JsonObject(yaml)).namespaces())
        .containsExactly("team-a", "team-b");
  }
}

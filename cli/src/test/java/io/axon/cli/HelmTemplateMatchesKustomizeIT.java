package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code helm template} of the chart with default values gives the objects of the kustomize install
 * (deploy/install-order.txt), with the fields that matter equal: image, replicas, resources,
 * security contexts, probes, RBAC rules, the controller's settings.
 */
class HelmTemplateMatchesKustomizeIT {

  static List<HasMetadata> kustomize() throws Exception {
    List<HasMetadata> objects = new ArrayList<>();
    for (String line : Files.readAllLines(Helm.DEPLOY.resolve("install-order.txt"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        objects.addAll(Helm.objects(Files.readString(Helm.DEPLOY.resolve(line.strip()))));
      }
    }
    return objects;
  }

  static List<HasMetadata> helm(String... set) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "template", "axon", Helm.CHART.toString(), "-n", "axon-system", "--include-crds"));
    for (String s : set) {
      args.add("--set");
      args.add(s);
    }
    return Helm.objects(Helm.run(null, args.toArray(String[]::new)));
  }

  static Set<String> ids(List<HasMetadata> objects) {
    return objects.stream()
        .filter(o -> !o.getKind().equals("Namespace")) // helm installs into the release's namespace
        .map(
            o ->
                o.getKind()
                    + "/"
                    + o.getMetadata().getNamespace()
                    + "/"
                    + o.getMetadata().getName())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  @Test
  void defaultValuesRenderTheKustomizeObjects() throws Exception {
    List<HasMetadata> kustomize = kustomize();
    List<HasMetadata> helm = helm();
    assertThat(ids(helm)).isEqualTo(ids(kustomize));

    Container want =
        one(kustomize, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    Deployment got = one(helm, Deployment.class);
    assertThat(got.getSpec().getReplicas())
        .isEqualTo(one(kustomize, Deployment.class).getSpec().getReplicas());
    assertThat(got.getSpec().getTemplate().getSpec().getSecurityContext())
        .isEqualTo(
            one(kustomize, Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getSecurityContext());
    Container c = got.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getImage()).isEqualTo(want.getImage());
    assertThat(c.getResources()).isEqualTo(want.getResources());
    assertThat(c.getSecurityContext()).isEqualTo(want.getSecurityContext());
    assertThat(c.getEnv()).isEqualTo(want.getEnv());
    assertThat(c.getPorts()).isEqualTo(want.getPorts());
    assertThat(c.getLivenessProbe()).isEqualTo(want.getLivenessProbe());
    assertThat(c.getReadinessProbe()).isEqualTo(want.getReadinessProbe());
    assertThat(c.getVolumeMounts()).isEqualTo(want.getVolumeMounts());

    assertThat(one(helm, ClusterRole.class).getRules())
        .isEqualTo(one(kustomize, ClusterRole.class).getRules());
    assertThat(settings(one(helm, ConfigMap.class)))
        .isEqualTo(settings(one(kustomize, ConfigMap.class)));
    for (HasMetadata crd : kustomize) {
      if (crd.getKind().equals("CustomResourceDefinition")) {
        assertThat(helm).contains(crd);
      }
    }
  }

  @Test
  void watchedNamespacesGetARoleEachAndNoClusterRole() throws Exception {
    List<HasMetadata> helm = helm("namespaces={a,b}");
    assertThat(helm).noneMatch(ClusterRole.class::isInstance);
    List<Role> roles = helm.stream().filter(Role.class::isInstance).map(Role.class::cast).toList();
    assertThat(roles.stream().filter(r -> r.getMetadata().getName().equals("axon-controller")))
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactly("a", "b");
    assertThat(roles.get(0).getRules()).isEqualTo(one(kustomize(), ClusterRole.class).getRules());
    assertThat(settings(one(helm, ConfigMap.class)).get("namespaces")).isEqualTo(List.of("a", "b"));
  }

  @Test
  void serviceMonitorAndPodMonitorAreOptional() throws Exception {
    assertThat(helm()).noneMatch(o -> o.getKind().endsWith("Monitor"));
    assertThat(helm("metrics.serviceMonitor.enabled=true", "metrics.podMonitor.enabled=true"))
        .extracting(HasMetadata::getKind)
        .contains("ServiceMonitor", "PodMonitor", "Service");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> settings(ConfigMap config) {
    return Serialization.unmarshal(config.getData().get("controller.yaml"), Map.class);
  }
}

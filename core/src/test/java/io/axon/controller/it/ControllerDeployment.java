package io.axon.controller.it;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The shipped controller Deployment (deploy/controller) on a real node: its service account,
 * ConfigMap and Deployment with this node's images, the API server's port relayed into each pod for
 * in-cluster config, and no kubelet HTTP probes (the kubelet cannot reach pod IPs here).
 */
final class ControllerDeployment {
  static final String LEASE = "axon-controller";

  private ControllerDeployment() {}

  /** Creates it; the pods start from then on. */
  static void create(RealNode node) {
    // In-cluster config: the API server's own port, relayed into each pod's loopback.
    node.relay(node.apiPort(), node.apiPort());
    for (String file : List.of("serviceaccount.yaml", "config.yaml", "deployment.yaml")) {
      for (HasMetadata item : load(node, file)) {
        node.client().resource(adapt(node, item)).create();
      }
    }
  }

  private static List<HasMetadata> load(RealNode node, String file) {
    try (InputStream in =
        Files.newInputStream(RepoPaths.root().resolve("deploy/controller").resolve(file))) {
      return node.client().load(in).items();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shipped manifests, with this node's images, in-cluster address and no kubelet probes. */
  private static HasMetadata adapt(RealNode node, HasMetadata item) {
    if (item instanceof ConfigMap config) {
      config
          .getData()
          .put(
              "controller.yaml",
              """
              namespaces: []
              leaderElection: {enabled: true, leaseName: %s, leaseNamespace: %s}
              health: {port: 8081}
              agentPod:
                images: {claude-code: "%s"}
                cpuRequest: 100m
                memoryRequest: 64Mi
                cpuLimit: "1"
                memoryLimit: 2Gi
              """
                  .formatted(LEASE, RealNode.CONTROLLER_NAMESPACE, node.agentTestImage()));
    } else if (item instanceof Deployment deployment) {
      Container controller = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      controller.setImage(node.controllerImage());
      controller.setImagePullPolicy("Never");
      controller.getEnv().add(new EnvVar("KUBERNETES_SERVICE_HOST", "127.0.0.1", null));
      controller
          .getEnv()
          .add(new EnvVar("KUBERNETES_SERVICE_PORT", String.valueOf(node.apiPort()), null));
      controller.setLivenessProbe(null);
      controller.setReadinessProbe(null);
      deployment.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(5L);
    }
    return item;
  }
}

package io.axon.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/** Makes the Kubernetes client a command talks to; tests hand in the mock server's client. */
@FunctionalInterface
public interface KubeClientFactory {

  /**
   * A client for the cluster.
   *
   * @param kubeconfig the {@code --kubeconfig} file, or null for the usual lookup (KUBECONFIG,
   *     ~/.kube/config, in-cluster)
   * @param context the {@code --context} to use, or null for the current one
   */
  KubernetesClient create(Path kubeconfig, String context);
}

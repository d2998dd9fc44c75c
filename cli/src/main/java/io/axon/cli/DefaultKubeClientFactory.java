package io.axon.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Clients configured as kubectl would be: KUBECONFIG or ~/.kube/config, or the pod's account. */
public final class DefaultKubeClientFactory implements KubeClientFactory {

  @Override
  public KubernetesClient create(Path kubeconfig, String context) {
    Config config;
    if (kubeconfig != null) {
      if (!Files.isReadable(kubeconfig)) {
        throw new UserException("cannot read kubeconfig " + kubeconfig);
      }
      config = Config.fromKubeconfig(context, kubeconfig.toFile());
    } else {
      if (Config.getKubeconfigFilenames().stream().noneMatch(f -> Files.isRegularFile(Path.of(f)))
          && System.getenv("KUBERNETES_SERVICE_HOST") == null) {
        throw new UserException(
            "no kubeconfig found (looked at %s): point KUBECONFIG or --kubeconfig at one"
                .formatted(String.join(", ", Config.getKubeconfigFilenames())));
      }
      config = Config.autoConfigure(context);
    }
    if (context != null
        && (config.getCurrentContext() == null
            || !context.equals(config.getCurrentContext().getName()))) {
      throw new UserException("context " + context + " not found in the kubeconfig");
    }
    Config quick =
        new ConfigBuilder(config)
            // A person is waiting: fail fast when the server is unreachable instead of retrying
            // with back-off for a minute.
            .withRequestRetryBackoffLimit(1)
            .withConnectionTimeout(5_000)
            .build();
    return new KubernetesClientBuilder().withConfig(quick).build();
  }
}

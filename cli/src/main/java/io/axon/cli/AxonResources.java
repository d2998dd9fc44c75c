package io.axon.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * Typed access to the axon.io kinds, and the "is Axon installed?" check behind not-found errors.
 */
public final class AxonResources {
  private final KubernetesClient client;

  public AxonResources(KubernetesClient client) {
    this.client = client;
  }

  @SuppressWarnings("unchecked")
  public MixedOperation<HasMetadata, KubernetesResourceList<HasMetadata>, Resource<HasMetadata>> of(
      ResourceKind kind) {
    return client.resources((Class<HasMetadata>) kind.type());
  }

  /**
   * The object, or a "not found" error. A GET of a missing object and a GET of a missing resource
   * type both answer 404; a one-item list tells the two apart, and costs a request only here.
   */
  public HasMetadata require(ResourceKind kind, String namespace, String name) {
    HasMetadata found = of(kind).inNamespace(namespace).withName(name).get();
    if (found == null) {
      requireInstalled(kind, namespace);
      throw Errors.notFound(kind.singular(), name, namespace);
    }
    return found;
  }

  /**
   * Fails with {@link Errors#NOT_INSTALLED} when the kind's CRD is missing.
   *
   * @throws UserException when it is missing
   */
  public void requireInstalled(ResourceKind kind, String namespace) {
    try {
      of(kind).inNamespace(namespace).list(new ListOptionsBuilder().withLimit(1L).build());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        throw new UserException(Errors.NOT_INSTALLED);
      }
      throw e;
    }
  }
}

package io.axon.cli;

import io.axon.api.v1alpha1.ApiGroup;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Messages and checks shared by commands and the error handler. */
public final class Errors {
  /** What a 404 on an axon.io resource type means. */
  public static final String NOT_INSTALLED =
      "Axon is not installed in this cluster: run `axon install`";

  private Errors() {}

  /** Whether the exception is about an axon.io resource. */
  static boolean isAxonResource(KubernetesClientException ex) {
    if (ApiGroup.GROUP.equals(ex.getGroup())) {
      return true;
    }
    String message = ex.getMessage();
    return message != null && message.contains("/apis/" + ApiGroup.GROUP + "/");
  }

  /** {@code task NAME not found in namespace NS}. */
  public static UserException notFound(String kind, String name, String namespace) {
    return new UserException("%s %s not found in namespace %s".formatted(kind, name, namespace));
  }
}

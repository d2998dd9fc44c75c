package io.axon.controller.job;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/**
 * Container variables as the kubelet must be given them. The kubelet expands {@code $(NAME)} in a
 * variable's value from the container's earlier variables and turns {@code $$} into {@code $} (the
 * Kubernetes API's EnvVar.value): a model name, branch, URL or file that holds {@code $(...)} would
 * otherwise arrive as something else, or with a credential's value in it. Every plain value Axon
 * writes goes through {@link #literal}; only Axon's own fixed text that means to refer to an
 * earlier variable uses {@link #expanding}. A user's {@code podOverrides.env} is theirs as written.
 */
public final class ContainerEnv {

  private ContainerEnv() {}

  /** A variable set to exactly {@code value}: every {@code $} doubled, so nothing is expanded. */
  public static EnvVar literal(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(escape(value)).build();
  }

  /** A variable whose {@code $(NAME)} the kubelet replaces; never for text Axon did not write. */
  public static EnvVar expanding(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  static String escape(String value) {
    return value.replace("$", "$$");
  }
}

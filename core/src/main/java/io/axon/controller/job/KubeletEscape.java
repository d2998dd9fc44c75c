package io.axon.controller.job;

/**
 * A container variable's plain value as the kubelet must be given it to set it as written: the
 * kubelet expands {@code $(NAME)} from the container's earlier variables and turns {@code $$} into
 * {@code $} (the Kubernetes API's EnvVar.value), so every {@code $} is doubled.
 */
final class KubeletEscape {

  private KubeletEscape() {}

  static String literal(String value) {
    return value.replace("$", "$$");
  }
}

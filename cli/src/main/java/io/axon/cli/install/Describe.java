package io.axon.cli.install;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Locale;

/** {@code kind.group/name}, as kubectl names objects in its output. */
final class Describe {
  private Describe() {}

  static String of(HasMetadata object) {
    String kind = object.getKind().toLowerCase(Locale.ROOT);
    String apiVersion = object.getApiVersion();
    int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
    String group = slash > 0 ? "." + apiVersion.substring(0, slash) : "";
    return kind + group + "/" + object.getMetadata().getName();
  }
}

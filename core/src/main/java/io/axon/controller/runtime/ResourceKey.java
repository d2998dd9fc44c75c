package io.axon.controller.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** The {@code namespace/name} keys that name objects on the event bus and in caches. */
public final class ResourceKey {
  private ResourceKey() {}

  public static String of(String namespace, String name) {
    return namespace + "/" + name;
  }

  public static String of(HasMetadata object) {
    return of(object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  public static String namespace(String key) {
    return key.substring(0, key.indexOf('/'));
  }

  public static String name(String key) {
    return key.substring(key.indexOf('/') + 1);
  }
}

package io.axon.controller.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.function.Consumer;

/**
 * An informer store that keeps only what the controller reads of each object. It always drops
 * {@code metadata.managedFields} (a tree of maps per field manager, the larger part of a cached Pod
 * or Job), and whatever else the given function removes. A status update sent without managedFields
 * leaves the server's copy as it is.
 */
class SlimItemStore<T extends HasMetadata> extends BasicItemStore<T> {
  private final Consumer<T> slim;

  SlimItemStore(Consumer<T> slim) {
    super(Cache::metaNamespaceKeyFunc);
    this.slim = slim;
  }

  @Override
  public T put(String key, T object) {
    object.getMetadata().setManagedFields(null);
    slim.accept(object);
    return super.put(key, object);
  }
}

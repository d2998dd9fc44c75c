package io.axon.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import java.time.Duration;
import java.util.List;

/**
 * Runs the informers and turns every change into a key on the event bus. The informers' initial
 * list blocks, so it runs on a worker thread; afterwards events arrive on fabric8's threads and are
 * handed over to the event bus, which is safe from any thread.
 */
public final class WatchVerticle extends VerticleBase {
  private final KubernetesClient client;
  private final List<String> namespaces;
  private final Duration resync;
  private volatile ResourceCache cache;

  public WatchVerticle(KubernetesClient client, List<String> namespaces, Duration resync) {
    this.client = client;
    this.namespaces = namespaces;
    this.resync = resync;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    return vertx
        .executeBlocking(
            () ->
                ResourceCache.start(
                    client,
                    namespaces,
                    resync.toMillis(),
                    key -> bus.send(Addresses.TASK_RECONCILE, key),
                    key -> bus.send(Addresses.SPAWNER_RECONCILE, key)))
        .onSuccess(
            started -> {
              cache = started;
              bus.publish(Addresses.CACHES_SYNCED, true);
            });
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(
        () -> {
          if (cache != null) {
            cache.close();
          }
          return null;
        });
  }

  /** The caches, once started. */
  public ResourceCache cache() {
    return cache;
  }
}

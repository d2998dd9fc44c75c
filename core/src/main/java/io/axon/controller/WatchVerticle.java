package io.axon.controller;

import io.axon.controller.observe.ControllerMetrics;
import io.axon.controller.runtime.InformerHealth;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the informers and turns every change into a key on the event bus. The informers' initial
 * list blocks, so it runs on a worker thread; afterwards events arrive on fabric8's threads and are
 * handed over to the event bus, which is safe from any thread.
 *
 * <p>Checks the informers every {@link #CHECK_EVERY} on its event loop: logs each informer that
 * stops watching or comes back, and one that has not synced within {@link #SYNC_TIMEOUT}.
 */
public final class WatchVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WatchVerticle.class);
  static final Duration CHECK_EVERY = Duration.ofSeconds(2);
  static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

  private final KubernetesClient client;
  private final List<String> namespaces;
  private final Duration resync;
  private final ControllerMetrics metrics;
  private final Map<String, String> problems = new HashMap<>();
  private volatile ResourceCache informers;
  private volatile ResourceCache cache;
  private long startedAt;
  private boolean syncTimeoutLogged;

  /** With metrics of its own (for tests that run the caches alone). */
  public WatchVerticle(KubernetesClient client, List<String> namespaces, Duration resync) {
    this(client, namespaces, resync, new ControllerMetrics());
  }

  public WatchVerticle(
      KubernetesClient client,
      List<String> namespaces,
      Duration resync,
      ControllerMetrics metrics) {
    this.client = client;
    this.namespaces = namespaces;
    this.resync = resync;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    startedAt = System.nanoTime();
    // Building the informers is the client's first use (slow), and their first list blocks.
    return vertx
        .executeBlocking(
            () ->
                ResourceCache.create(
                    client,
                    namespaces,
                    resync.toMillis(),
                    key -> bus.send(Addresses.TASK_RECONCILE, key),
                    key -> bus.send(Addresses.SPAWNER_RECONCILE, key)))
        .compose(
            created -> {
              informers = created;
              metrics.watchInformers(created::health);
              vertx.setPeriodic(CHECK_EVERY.toMillis(), id -> check());
              return vertx.executeBlocking(created::run);
            })
        .onSuccess(started -> cache = started);
  }

  @Override
  public Future<?> stop() {
    ResourceCache created = informers;
    return vertx.executeBlocking(
        () -> {
          if (created != null) {
            created.close();
          }
          return null;
        });
  }

  /** The caches, once synced. */
  public ResourceCache cache() {
    return cache;
  }

  /** Each informer's state (none before start). */
  public List<InformerHealth> health() {
    ResourceCache created = informers;
    return created == null ? List.of() : created.health();
  }

  private void check() {
    boolean late = System.nanoTime() - startedAt > SYNC_TIMEOUT.toNanos();
    for (InformerHealth informer : health()) {
      String problem = informer.problem();
      String before = problems.getOrDefault(informer.name(), "");
      if (!informer.synced()) {
        if (late && !syncTimeoutLogged) {
          LOG.error(
              "Informer {} has not synced after {} s: check that the API server answers and that"
                  + " the controller may list and watch {} (deploy/controller/rbac.yaml)",
              informer.name(),
              SYNC_TIMEOUT.toSeconds(),
              informer.resource());
        }
      } else if (!problem.equals(before)) {
        if (problem.isEmpty()) {
          LOG.info("Informer {} is watching again", informer.name());
        } else {
          LOG.warn(
              "Informer {}: the controller may miss changes until it recovers (list/watch"
                  + " refused by RBAC, or the API server unreachable?)",
              problem);
        }
      }
      if (informer.synced()) {
        problems.put(informer.name(), problem);
      }
    }
    if (late) {
      syncTimeoutLogged = true;
    }
  }
}

package io.axon.controller.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the informers and turns every change into a key: a Task key straight into the Task
 * reconciler's queue (which takes it over onto its own event loop), a TaskSpawner key onto the
 * event bus for the spawner verticle. The informers' initial list blocks, so it runs on a worker
 * thread; afterwards events arrive on fabric8's informer threads.
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
  private final Consumer<String> taskKeys;
  private final Consumer<Supplier<List<InformerHealth>>> informersCreated;
  private final Map<String, String> problems = new HashMap<>();
  private volatile ResourceCache informers;
  private volatile ResourceCache cache;
  private long startedAt;
  private boolean syncTimeoutLogged;

  /**
   * Without a Task reconciler and without a metric of the informers' health (for tests that run the
   * caches and the TaskSpawners alone).
   */
  public WatchVerticle(KubernetesClient client, List<String> namespaces, Duration resync) {
    this(client, namespaces, resync, key -> {}, health -> {});
  }

  /**
   * @param taskKeys where a Task key goes when the Task or anything it depends on changes: the Task
   *     reconciler's queue, called on fabric8's informer thread
   * @param informersCreated told, once the informers exist and before they sync, where their health
   *     is read (the metrics gauges)
   */
  public WatchVerticle(
      KubernetesClient client,
      List<String> namespaces,
      Duration resync,
      Consumer<String> taskKeys,
      Consumer<Supplier<List<InformerHealth>>> informersCreated) {
    this.client = client;
    this.namespaces = namespaces;
    this.resync = resync;
    this.taskKeys = taskKeys;
    this.informersCreated = informersCreated;
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
                    taskKeys,
                    key -> bus.send(Addresses.SPAWNER_RECONCILE, key)))
        .compose(
            created -> {
              informers = created;
              informersCreated.accept(created::health);
              vertx.setPeriodic(CHECK_EVERY.toMillis(), id -> check());
              return vertx.executeBlocking(created::run);
            })
        .onSuccess(
            started -> {
              cache = started;
              LOG.info(
                  "Informer caches synced in {} ms ({} ms after the JVM started)",
                  (System.nanoTime() - startedAt) / 1_000_000,
                  ProcessUptime.millis());
            });
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

package io.axon.controller.spawner;

import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.runtime.Addresses;
import io.axon.controller.runtime.Leadership;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.runtime.ResourceKey;
import io.axon.spi.source.HostServices;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link SpawnerLoop} per TaskSpawner in the caches, while this replica leads: a spawner
 * key on {@link Addresses#SPAWNER_RECONCILE} starts, re-checks or stops its loop; losing leadership
 * stops them all and closes their sources. Loop state lives on this verticle's event loop; polls
 * are asynchronous and API calls run on a small worker pool.
 */
public final class SpawnerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SpawnerVerticle.class);
  private static final int WORKERS = 4;

  private final KubernetesClient client;
  private final ResourceCache cache;
  private final WorkSourceRegistry sources;
  private final Map<String, Map<String, Object>> sourceDefaults;
  private final SpawnerObserver observer;
  private final Clock clock;
  private final Leadership leadership;
  private final Map<String, SpawnerLoop> loops = new HashMap<>();
  private SpawnerEnvironment env;
  private Set<String> agentTypes = Set.of();

  /**
   * @param sources the installed source kinds
   * @param sourceDefaults settings per source kind under each spawner's own (the controller's
   *     {@code sources} setting)
   * @param leaderElection false when this replica runs alone and always leads
   */
  public SpawnerVerticle(
      KubernetesClient client,
      ResourceCache cache,
      WorkSourceRegistry sources,
      Map<String, Map<String, Object>> sourceDefaults,
      SpawnerObserver observer,
      boolean leaderElection,
      Clock clock) {
    this.client = client;
    this.cache = cache;
    this.sources = sources;
    this.sourceDefaults = Map.copyOf(sourceDefaults);
    this.observer = observer;
    this.leadership = new Leadership(leaderElection, this::startAll, this::closeAll);
    this.clock = clock;
  }

  /** Refuse a spawner whose taskTemplate type none of these agents is (before deploying). */
  public SpawnerVerticle withAgentTypes(Set<String> types) {
    this.agentTypes = Set.copyOf(types);
    return this;
  }

  @Override
  public Future<?> start() {
    env =
        new SpawnerEnvironment(
            context,
            vertx.createSharedWorkerExecutor("axon-spawner", WORKERS),
            client,
            cache,
            sources,
            sourceDefaults,
            observer,
            clock,
            offering(vertx),
            agentTypes);
    LOG.info("Work source kinds installed: {}", sources.kinds());
    vertx.eventBus().<String>localConsumer(Addresses.SPAWNER_RECONCILE, m -> changed(m.body()));
    vertx.eventBus().<String>localConsumer(Addresses.SPAWNER_POLL, m -> pollNow(m.body()));
    leadership.follow(vertx);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    leadership.stop();
    closeAll();
    return env.workers().close();
  }

  private void startAll() {
    cache.allSpawners().forEach(spawner -> changed(ResourceKey.of(spawner)));
  }

  private void changed(String key) {
    if (!leadership.isLeading()) {
      return;
    }
    Optional<TaskSpawner> spawner = cache.spawner(key);
    SpawnerLoop loop = loops.get(key);
    if (spawner.isEmpty() || spawner.get().getMetadata().getDeletionTimestamp() != null) {
      if (loop != null) {
        loops.remove(key).close();
        LOG.info("TaskSpawner {} stopped polling", key);
      }
      return;
    }
    if (loop == null) {
      loop = new SpawnerLoop(key, env);
      loops.put(key, loop);
      loop.pollNow();
    } else {
      loop.changed();
    }
  }

  /** A webhook delivery asks for a poll: the running loop polls now (or right after its round). */
  private void pollNow(String key) {
    SpawnerLoop loop = leadership.isLeading() ? loops.get(key) : null;
    if (loop != null) {
      loop.pollNow();
    }
  }

  private void closeAll() {
    loops.values().forEach(SpawnerLoop::close);
    loops.clear();
  }

  private static HostServices offering(Vertx vertx) {
    return new HostServices() {
      @Override
      public <T> Optional<T> lookup(Class<T> type) {
        return type == Vertx.class ? Optional.of(type.cast(vertx)) : Optional.empty();
      }
    };
  }
}

package io.axon.controller.spawner;

import io.axon.controller.runtime.Addresses;
import io.axon.controller.runtime.WatchVerticle;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The informer caches and the spawner verticle, without the Task reconciler, so that spawned Tasks
 * keep the status a test gives them.
 */
final class SpawnerHarness implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();

  SpawnerHarness(
      KubernetesClient client,
      WorkSourceRegistry sources,
      Map<String, Map<String, Object>> sourceDefaults,
      SpawnerObserver observer,
      boolean leaderElection) {
    this(client, sources, sourceDefaults, observer, leaderElection, Clock.systemUTC());
  }

  /** With the spawners' clock (status times, schedules) under the test's control. */
  SpawnerHarness(
      KubernetesClient client,
      WorkSourceRegistry sources,
      Map<String, Map<String, Object>> sourceDefaults,
      SpawnerObserver observer,
      boolean leaderElection,
      Clock clock) {
    WatchVerticle watch = new WatchVerticle(client, List.of(), Duration.ofMinutes(10));
    vertx.deployVerticle(watch).await();
    vertx
        .deployVerticle(
            new SpawnerVerticle(
                client, watch.cache(), sources, sourceDefaults, observer, leaderElection, clock))
        .await();
  }

  /** Announces on the event bus that this replica gained or lost leadership. */
  void lead(boolean leader) {
    vertx
        .eventBus()
        .publish(Addresses.LEADERSHIP, new JsonObject().put("leader", leader).put("identity", "t"));
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}

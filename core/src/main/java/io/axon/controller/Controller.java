package io.axon.controller;

import io.axon.controller.job.AgentJobBuilder;
import io.axon.controller.spawner.SpawnerObserver;
import io.axon.controller.spawner.SpawnerVerticle;
import io.axon.controller.task.TaskReconciler;
import io.axon.controller.task.TaskReconcilerVerticle;
import io.axon.controller.task.TaskTransition;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The controller: its verticles, wired together. Start order matters: caches first (so the first
 * reconcile sees the world), then the reconcilers (Tasks, then TaskSpawners), then leader election,
 * then health.
 */
public final class Controller {
  private final Vertx vertx;
  private final KubernetesClient client;
  private final ControllerSettings settings;
  private final AgentRegistry agents;
  private final String identity;
  private final Consumer<TaskTransition> transitions;
  private WatchVerticle watch;
  private HealthVerticle health;

  public Controller(
      Vertx vertx,
      KubernetesClient client,
      ControllerSettings settings,
      AgentRegistry agents,
      String identity,
      Consumer<TaskTransition> transitions) {
    this.vertx = vertx;
    this.client = client;
    this.settings = settings;
    this.agents = agents;
    this.identity = identity;
    this.transitions = transitions;
  }

  public Future<Void> start() {
    watch = new WatchVerticle(client, settings.namespaces(), settings.resync());
    health =
        new HealthVerticle(
            settings.healthHost(), settings.healthPort(), () -> watch.cache() != null);
    return vertx
        .deployVerticle(health)
        .compose(id -> vertx.deployVerticle(watch))
        .compose(
            id ->
                vertx.deployVerticle(
                    new TaskReconcilerVerticle(
                        () ->
                            new TaskReconciler(
                                client,
                                watch.cache(),
                                agents,
                                new AgentJobBuilder(settings.agentPod()),
                                Clock.systemUTC(),
                                transitions),
                        watch.cache(),
                        settings.reconcileWorkers(),
                        settings.leaderElection().enabled())))
        .compose(
            id ->
                vertx.deployVerticle(
                    new SpawnerVerticle(
                        client,
                        watch.cache(),
                        WorkSourceRegistry.load(),
                        settings.sources(),
                        SpawnerObserver.NONE,
                        settings.leaderElection().enabled(),
                        Clock.systemUTC())))
        .compose(
            id ->
                settings.leaderElection().enabled()
                    ? vertx.deployVerticle(
                        new LeaderElectionVerticle(client, settings.leaderElection(), identity))
                    : Future.succeededFuture(id))
        .mapEmpty();
  }

  /** The health endpoint's port, once started. */
  public int healthPort() {
    return health.port();
  }

  /** Undeploys every verticle (leader election releases its lease). */
  public Future<Void> stop() {
    return Future.all(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()).mapEmpty();
  }
}

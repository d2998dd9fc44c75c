package io.axon.controller;

import io.axon.controller.job.AgentJobBuilder;
import io.axon.controller.observe.BridgeVerticle;
import io.axon.controller.observe.ControllerMetrics;
import io.axon.controller.observe.EventRecorder;
import io.axon.controller.observe.ObserveVerticle;
import io.axon.controller.observe.SpawnerTelemetry;
import io.axon.controller.spawner.SpawnerVerticle;
import io.axon.controller.task.TaskReconciler;
import io.axon.controller.task.TaskReconcilerVerticle;
import io.axon.controller.task.TaskTransition;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.micrometer.PrometheusRequestHandler;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The controller: its verticles, wired together. Start order matters: health and observers first
 * (so no transition or leadership change goes unseen), then caches (so the first reconcile sees the
 * world), then the reconcilers (Tasks, then TaskSpawners), then leader election.
 */
public final class Controller {
  private final Vertx vertx;
  private final KubernetesClient client;
  private final ControllerSettings settings;
  private final AgentRegistry agents;
  private final String identity;
  private final Consumer<TaskTransition> transitions;
  private final ControllerMetrics metrics;
  private WatchVerticle watch;
  private HealthVerticle health;
  private ObserveVerticle observe;

  /** A controller with metrics of its own (Vert.x's own metrics are then not included). */
  public Controller(
      Vertx vertx,
      KubernetesClient client,
      ControllerSettings settings,
      AgentRegistry agents,
      String identity,
      Consumer<TaskTransition> transitions) {
    this(vertx, client, settings, agents, identity, transitions, new ControllerMetrics());
  }

  /**
   * @param transitions told of every Task status change the controller writes, after its own
   *     observers (event bus, Kubernetes Events, metrics)
   * @param metrics where metrics go; create the Vert.x with {@link ControllerMetrics#newVertx()} to
   *     include Vert.x's own
   */
  public Controller(
      Vertx vertx,
      KubernetesClient client,
      ControllerSettings settings,
      AgentRegistry agents,
      String identity,
      Consumer<TaskTransition> transitions,
      ControllerMetrics metrics) {
    this.vertx = vertx;
    this.client = client;
    this.settings = settings;
    this.agents = agents;
    this.identity = identity;
    this.transitions = transitions;
    this.metrics = metrics;
  }

  public Future<Void> start() {
    watch = new WatchVerticle(client, settings.namespaces(), settings.resync());
    observe =
        new ObserveVerticle(
            client, identity, metrics, settings.leaderElection().enabled(), () -> watch.cache());
    health =
        new HealthVerticle(
            settings.healthHost(),
            settings.healthPort(),
            () -> watch.cache() != null,
            observe::isLeading,
            PrometheusRequestHandler.create(metrics.registry()));
    Consumer<TaskTransition> observed = observe::onTransition;
    return vertx
        .deployVerticle(health)
        .compose(id -> vertx.deployVerticle(observe))
        .compose(
            id ->
                settings.bridge().enabled()
                    ? vertx.deployVerticle(new BridgeVerticle(settings.bridge()))
                    : Future.succeededFuture(id))
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
                                observed.andThen(transitions)),
                        watch.cache(),
                        settings.reconcileWorkers(),
                        settings.leaderElection().enabled(),
                        metrics)))
        .compose(
            id ->
                vertx.deployVerticle(
                    new SpawnerVerticle(
                        client,
                        watch.cache(),
                        WorkSourceRegistry.load(),
                        settings.sources(),
                        new SpawnerTelemetry(metrics, observe.events()),
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

  public ControllerMetrics metrics() {
    return metrics;
  }

  /** Records Kubernetes Events, once started. Blocking: call it from a worker. */
  public EventRecorder events() {
    return observe.events();
  }

  /** Undeploys every verticle (leader election releases its lease). */
  public Future<Void> stop() {
    return Future.all(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()).mapEmpty();
  }
}

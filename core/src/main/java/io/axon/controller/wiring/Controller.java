package io.axon.controller.wiring;

import io.axon.controller.job.AgentJobBuilder;
import io.axon.controller.metrics.ControllerMetrics;
import io.axon.controller.observe.BridgeVerticle;
import io.axon.controller.observe.EventRecorder;
import io.axon.controller.observe.ObserveVerticle;
import io.axon.controller.observe.SpawnerTelemetry;
import io.axon.controller.report.ReportVerticle;
import io.axon.controller.runtime.HealthVerticle;
import io.axon.controller.runtime.LeaderElectionSettings;
import io.axon.controller.runtime.LeaderElectionVerticle;
import io.axon.controller.runtime.LeaseFence;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.runtime.WatchVerticle;
import io.axon.controller.spawner.SpawnerVerticle;
import io.axon.controller.task.TaskReconciler;
import io.axon.controller.task.TaskReconcilerVerticle;
import io.axon.controller.task.TaskTransition;
import io.axon.controller.transcript.TranscriptVerticle;
import io.axon.controller.webhook.WebhookVerticle;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.micrometer.PrometheusRequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The controller: its verticles, wired together. Start order matters: health and observers first
 * (so no transition or leadership change goes unseen), then caches (so the first reconcile sees the
 * world), then the reconcilers (Tasks, then TaskSpawners), then leader election. Stopping goes the
 * other way round, one step at a time: the reconcilers stop taking work and drain what runs, then
 * the Lease is released, then the informers stop, then the rest.
 *
 * <p>With leader election on, every API call goes through a client fenced by the Lease ({@link
 * LeaseFence}): a replica that has lost it cannot write, whatever was running when it lost it.
 */
public final class Controller {
  private final Vertx vertx;
  private final KubernetesClient given;
  private final KubernetesClient client;
  private final LeaseFence fence;
  private final ControllerSettings settings;
  private final AgentRegistry agents;
  private WorkSourceRegistry sources = WorkSourceRegistry.load();
  private final String identity;
  private final Consumer<TaskTransition> transitions;
  private final ControllerMetrics metrics;
  private final Map<Deployable, String> deployments = new LinkedHashMap<>();
  private WatchVerticle watch;
  private HealthVerticle health;
  private ObserveVerticle observe;
  private LeaderElectionVerticle election;
  private WebhookVerticle webhook;

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
    this.given = client;
    this.settings = settings;
    LeaderElectionSettings lease = settings.leaderElection();
    this.fence =
        lease.enabled()
            ? new LeaseFence(lease.leaseNamespace(), lease.leaseName(), lease.renewDeadline())
            : null;
    this.client = fence == null ? client : fence.fence(client);
    this.agents = agents;
    this.identity = identity;
    this.transitions = transitions;
    this.metrics = metrics;
  }

  /**
   * The source kinds TaskSpawners may name, instead of those on the controller's class path (a host
   * that loads plugin jars of its own). Before {@link #start}.
   */
  public Controller sources(WorkSourceRegistry sources) {
    this.sources = sources;
    return this;
  }

  public Future<Void> start() {
    observe =
        new ObserveVerticle(
            client, identity, metrics, settings.leaderElection().enabled(), () -> watch.cache());
    if (fence != null) {
      LeaderElectionSettings lease = settings.leaderElection();
      Duration attempt = lease.renewDeadline().minus(lease.retryPeriod());
      election =
          new LeaderElectionVerticle(
              fence.fenceForElection(given, attempt), lease, identity, fence);
    }
    ReportVerticle report =
        new ReportVerticle(
            client,
            () -> watch.cache(),
            WorkSourceRegistry.load(),
            settings.sources(),
            () -> observe.events(),
            settings.resync(),
            settings.leaderElection().enabled(),
            fence == null ? () -> true : fence::isOpen);
    TranscriptVerticle transcripts =
        new TranscriptVerticle(
            client, () -> watch.cache(), settings.resync(), settings.leaderElection().enabled());
    if (settings.webhook().enabled()) {
      webhook =
          new WebhookVerticle(
              settings.webhook(),
              client,
              given,
              () -> watch.cache(),
              WorkSourceRegistry.load(),
              settings.sources(),
              settings.leaderElection().enabled(),
              Clock.systemUTC());
    }
    Consumer<TaskTransition> reported =
        ((Consumer<TaskTransition>) observe::onTransition)
            .andThen(report::onTransition)
            .andThen(transcripts::onTransition);
    Consumer<TaskTransition> observed =
        webhook == null ? reported : reported.andThen(webhook::onTransition);
    TaskReconcilerVerticle tasks =
        new TaskReconcilerVerticle(
            () ->
                new TaskReconciler(
                    client,
                    watch.cache(),
                    agents,
                    new AgentJobBuilder(settings.agentPod(), settings.gateway().activeUrl()),
                    Clock.systemUTC(),
                    observed.andThen(transitions),
                    settings.gateway().networkPolicy()),
            () -> watch.cache(),
            settings.reconcileWorkers(),
            settings.leaderElection().enabled(),
            metrics);
    watch =
        new WatchVerticle(
            client,
            settings.namespaces(),
            settings.resync(),
            tasks::offer,
            metrics::watchInformers);
    health =
        new HealthVerticle(
            settings.healthHost(),
            settings.healthPort(),
            watch::health,
            () -> watch.cache() != null,
            observe::isLeading,
            () -> election == null || election.isCompeting(),
            PrometheusRequestHandler.create(metrics.registry()));
    return deploy(health)
        .compose(id -> deploy(observe))
        .compose(
            id ->
                settings.bridge().enabled()
                    ? deploy(new BridgeVerticle(settings.bridge()))
                    : Future.succeededFuture(id))
        .compose(id -> deploy(watch))
        .compose(id -> deploy(report))
        .compose(id -> deploy(transcripts))
        .compose(id -> deploy(tasks))
        .compose(
            id ->
                deploy(
                    new SpawnerVerticle(
                            client,
                            watch.cache(),
                            sources,
                            settings.sources(),
                            new SpawnerTelemetry(metrics, observe.events()),
                            settings.leaderElection().enabled(),
                            Clock.systemUTC())
                        .withAgentTypes(agents.types())))
        .compose(id -> webhook != null ? deploy(webhook) : Future.succeededFuture(id))
        .compose(id -> election != null ? deploy(election) : Future.succeededFuture(id))
        .mapEmpty();
  }

  private Future<String> deploy(Deployable verticle) {
    return vertx.deployVerticle(verticle).onSuccess(id -> deployments.put(verticle, id));
  }

  /** The webhook endpoint's port, once started with the endpoint on. */
  public int webhookPort() {
    return webhook.port();
  }

  /** Closes the Kubernetes client it was given, after {@link #stop}. */
  public void close() {
    given.close();
  }

  /** The health endpoint's port, once started. */
  public int healthPort() {
    return health.port();
  }

  public ControllerMetrics metrics() {
    return metrics;
  }

  /** The informer caches, once synced (null before). */
  public ResourceCache cache() {
    return watch.cache();
  }

  /** Records Kubernetes Events, once started. Blocking: call it from a worker. */
  public EventRecorder events() {
    return observe.events();
  }

  /**
   * Undeploys the verticles one after the other: the reconcilers (they stop taking work and drain
   * what runs, bounded), the observers (their last Events are written while this replica still
   * leads), leader election (it releases the Lease), the informers, then the rest.
   */
  public Future<Void> stop() {
    List<Deployable> order = new ArrayList<>(deployments.keySet());
    Collections.reverse(order);
    order.removeAll(Arrays.asList(observe, election));
    int reconcilersStopped = Math.max(0, order.indexOf(watch));
    order.addAll(
        reconcilersStopped, Stream.of(observe, election).filter(deployments::containsKey).toList());
    Future<Void> stopped = Future.succeededFuture();
    for (Deployable verticle : order) {
      String id = deployments.get(verticle);
      stopped = stopped.eventually(() -> vertx.undeploy(id));
    }
    return stopped.onComplete(done -> deployments.clear());
  }
}

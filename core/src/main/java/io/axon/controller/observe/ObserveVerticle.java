package io.axon.controller.observe;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.metrics.ControllerMetrics;
import io.axon.controller.runtime.Leadership;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.runtime.ResourceKey;
import io.axon.controller.task.TaskTransition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the controller for the outside world: hands every Task transition to the lifecycle
 * publisher, the Kubernetes Event emitter and the metrics, and follows this replica's leadership
 * for the health endpoint and the {@code axon_leader} gauge. Deploy it before the reconcilers.
 */
public final class ObserveVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ObserveVerticle.class);
  // Enough writers and room for the Events of a burst of a thousand Tasks.
  private static final int EVENT_WRITERS = 4;
  private static final int EVENTS_QUEUED = 4096;

  /** How long stopping waits for queued Events to be written. */
  static final Duration DRAIN = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final String identity;
  private final ControllerMetrics metrics;
  private final Supplier<ResourceCache> cache;
  private final Leadership leadership;
  private volatile List<Consumer<TaskTransition>> observers = List.of();
  private EventRecorder events;
  private EventQueue eventQueue;

  /**
   * @param leaderElection false when this replica always leads
   * @param cache the informer caches, once started (null before)
   */
  public ObserveVerticle(
      KubernetesClient client,
      String identity,
      ControllerMetrics metrics,
      boolean leaderElection,
      Supplier<ResourceCache> cache) {
    this.client = client;
    this.identity = identity;
    this.metrics = metrics;
    this.leadership =
        new Leadership(leaderElection, () -> metrics.leader(true), () -> metrics.leader(false));
    this.cache = cache;
  }

  @Override
  public Future<?> start() {
    events = new EventRecorder(client, identity, Clock.systemUTC());
    eventQueue =
        new EventQueue(
            events::record, EVENT_WRITERS, EVENTS_QUEUED, metrics::kubernetesEventDropped);
    metrics.countEventsQueuedIn(eventQueue::size);
    observers =
        List.of(
            new TaskLifecyclePublisher(vertx.eventBus(), Clock.systemUTC()),
            new TaskEventEmitter(eventQueue),
            new TaskMetricsRecorder(metrics));
    metrics.countTasksIn(
        () -> {
          ResourceCache started = cache.get();
          return started == null ? List.<Task>of() : started.allTasks();
        });
    leadership.follow(vertx);
    return Future.succeededFuture();
  }

  /**
   * Writes the Events already queued (bounded by {@link #DRAIN}) before it closes: stopping goes on
   * to release the Lease, after which this replica may write nothing.
   */
  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(
        () -> {
          eventQueue.close(DRAIN);
          return null;
        });
  }

  /**
   * Tells every observer of a status change the controller just wrote. An observer's failure is
   * logged and goes no further: the status is written, and reconciling must not fail for it.
   */
  public void onTransition(TaskTransition transition) {
    for (Consumer<TaskTransition> observer : observers) {
      try {
        observer.accept(transition);
      } catch (RuntimeException e) {
        LOG.warn(
            "{} failed on Task {}: {}",
            observer.getClass().getSimpleName(),
            ResourceKey.of(transition.task()),
            e.toString());
      }
    }
  }

  /** Whether this replica leads now (always, without leader election). */
  public boolean isLeading() {
    return leadership.isLeading();
  }

  /** Records Kubernetes Events; blocking, for workers (spawners report source errors here). */
  public EventRecorder events() {
    return events;
  }
}

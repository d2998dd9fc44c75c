package io.axon.controller.observe;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.Leadership;
import io.axon.controller.ResourceCache;
import io.axon.controller.ResourceKey;
import io.axon.controller.task.TaskTransition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
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

  /** How long stopping waits for queued Events to be written. */
  static final Duration DRAIN = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final String identity;
  private final ControllerMetrics metrics;
  private final Supplier<ResourceCache> cache;
  private final Leadership leadership;
  private final StaleWriteGuard staleWrites = new StaleWriteGuard();
  private volatile List<Consumer<TaskTransition>> observers = List.of();
  private EventRecorder events;
  private WorkerExecutor eventWriter;

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
    // One thread: Events are written in the order things happened.
    eventWriter = vertx.createSharedWorkerExecutor("axon-kubernetes-events", 1);
    events = new EventRecorder(client, identity, Clock.systemUTC());
    observers =
        List.of(
            new TaskLifecyclePublisher(vertx.eventBus(), Clock.systemUTC()),
            new TaskEventEmitter(events, eventWriter),
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
    Promise<Void> drained = Promise.promise();
    long timer = vertx.setTimer(DRAIN.toMillis(), id -> drained.tryComplete());
    // The writer runs one task at a time, in order: this one runs after every queued Event.
    eventWriter
        .executeBlocking(() -> null, true)
        .onComplete(
            done -> {
              vertx.cancelTimer(timer);
              drained.tryComplete();
            });
    return drained.future().compose(v -> eventWriter.close());
  }

  /**
   * Tells every observer of a status change the controller just wrote. An observer's failure is
   * logged and goes no further: the status is written, and reconciling must not fail for it.
   */
  public void onTransition(TaskTransition written) {
    TaskTransition transition = staleWrites.rebase(written);
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

package io.axon.controller.task;

import io.axon.controller.metrics.ControllerMetrics;
import io.axon.controller.runtime.Leadership;
import io.axon.controller.runtime.LeaseFence;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.runtime.ResourceKey;
import io.axon.controller.runtime.WorkQueue;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds Task keys through a {@link WorkQueue} to the {@link TaskReconciler}, at most {@code
 * workers} at a time on a worker pool (reconciling blocks on the API server). The informers hand it
 * keys with {@link #offer}, from their own thread; the queue lives on this verticle's event loop.
 * Acts only while this replica leads; when it becomes leader it reconciles every cached Task once.
 */
public final class TaskReconcilerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TaskReconcilerVerticle.class);

  /** How long stopping waits for reconciles in flight. */
  static final Duration DRAIN = Duration.ofSeconds(10);

  private final Supplier<TaskReconciler> reconcilerFactory;
  private final Supplier<ResourceCache> cache;
  private final int workers;
  private final ControllerMetrics metrics;
  private final Leadership leadership;
  private final WorkQueue queue = new WorkQueue();

  /** The one timer per key that reconciles it again; each reconcile's outcome replaces it. */
  private final Map<String, Long> scheduled = new HashMap<>();

  private TaskReconciler reconciler;
  private Promise<Void> draining;
  private WorkerExecutor executor;
  private volatile Context context;

  public TaskReconcilerVerticle(
      Supplier<TaskReconciler> reconcilerFactory,
      Supplier<ResourceCache> cache,
      int workers,
      boolean leaderElection,
      ControllerMetrics metrics) {
    this.reconcilerFactory = reconcilerFactory;
    this.cache = cache;
    this.workers = workers;
    this.leadership = new Leadership(leaderElection, this::reconcileAll, () -> {});
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    reconciler = reconcilerFactory.get();
    executor = vertx.createSharedWorkerExecutor("axon-task-reconciler", workers);
    // Before following leadership: a key offered while reconcileAll reads the cache is not lost.
    context = vertx.getOrCreateContext();
    leadership.follow(vertx);
    return Future.succeededFuture();
  }

  /**
   * Asks for the Task to be reconciled; from any thread (the informers call it on theirs). The key
   * goes over to this verticle's event loop, where the queue lives. Before start the key is
   * dropped: on start (or on becoming leader) every cached Task is reconciled anyway.
   */
  public void offer(String key) {
    Context running = context;
    if (running != null) {
      running.runOnContext(v -> enqueue(key));
    }
  }

  /**
   * Stops taking work, then waits for the reconciles in flight (at most {@link #DRAIN}), so that
   * the Lease is released only after their writes.
   */
  @Override
  public Future<?> stop() {
    leadership.stop();
    Promise<Void> drained = Promise.promise();
    draining = drained;
    long timer =
        vertx.setTimer(
            DRAIN.toMillis(),
            id -> {
              LOG.warn(
                  "Stopping with {} Task reconcile(s) still running after {} s",
                  queue.running(),
                  DRAIN.toSeconds());
              drained.tryComplete();
            });
    drained();
    return drained
        .future()
        .compose(
            v -> {
              vertx.cancelTimer(timer);
              return executor.close();
            });
  }

  private void drained() {
    if (draining != null && queue.running() == 0) {
      draining.tryComplete();
    }
  }

  private void reconcileAll() {
    // A new leader trusts nothing it did not see: look at every Task once.
    cache.get().allTasks().forEach(task -> queue.add(ResourceKey.of(task)));
    pump();
  }

  private void enqueue(String key) {
    if (leadership.isLeading()) {
      queue.add(key);
      pump();
    }
  }

  private void pump() {
    try {
      startReady();
    } finally {
      metrics.reconcileBacklog(queue.waiting() + queue.running(), scheduled.size());
    }
  }

  private void startReady() {
    while (leadership.isLeading() && queue.running() < workers) {
      Optional<String> next = queue.next();
      if (next.isEmpty()) {
        return;
      }
      String key = next.get();
      executor
          .executeBlocking(() -> reconciler.reconcile(key), false)
          .onComplete(
              result -> {
                metrics.reconciled(result.succeeded());
                if (result.succeeded()) {
                  queue.succeeded(key);
                  // Asked for, not a retry: not counted as one. A reconcile reads the whole world
                  // anew, so what it asks for replaces what an earlier one asked for.
                  result
                      .result()
                      .requeueAfter()
                      .ifPresentOrElse(delay -> later(key, delay), () -> unschedule(key));
                } else {
                  boolean conflict = isConflict(result.cause());
                  Duration retry = conflict ? queue.conflicted(key) : queue.failed(key);
                  metrics.reconcileRetried();
                  if (conflict) {
                    // Someone else changed the Task since we read it: normal, the retry reads anew.
                    LOG.debug("Task {} changed while reconciling, retrying", key);
                  } else if (!leadership.isLeading() || isFenced(result.cause())) {
                    LOG.debug("Task {} not reconciled: this replica stopped leading", key);
                  } else {
                    LOG.warn(
                        "Reconciling Task {} failed, retrying in {} ms: {}",
                        key,
                        retry.toMillis(),
                        result.cause().toString());
                  }
                  later(key, retry);
                }
                pump();
                drained();
              });
    }
  }

  private static boolean isFenced(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof LeaseFence.NotLeadingException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConflict(Throwable failure) {
    return failure instanceof KubernetesClientException e
        && e.getCode() == HttpURLConnection.HTTP_CONFLICT;
  }

  private void later(String key, Duration delay) {
    unschedule(key);
    long timer =
        vertx.setTimer(
            Math.max(1, delay.toMillis()),
            id -> {
              scheduled.remove(key, id);
              enqueue(key);
            });
    scheduled.put(key, timer);
    metrics.reconcileBacklog(queue.waiting() + queue.running(), scheduled.size());
  }

  private void unschedule(String key) {
    Long timer = scheduled.remove(key);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}

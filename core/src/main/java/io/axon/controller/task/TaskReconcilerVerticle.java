package io.axon.controller.task;

import io.axon.controller.Addresses;
import io.axon.controller.Leadership;
import io.axon.controller.ResourceCache;
import io.axon.controller.ResourceKey;
import io.axon.controller.observe.ControllerMetrics;
import io.axon.controller.queue.WorkQueue;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds Task keys from the event bus through a {@link WorkQueue} to the {@link TaskReconciler}, at
 * most {@code workers} at a time on a worker pool (reconciling blocks on the API server). Acts only
 * while this replica leads; when it becomes leader it reconciles every cached Task once.
 */
public final class TaskReconcilerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TaskReconcilerVerticle.class);

  private final Supplier<TaskReconciler> reconcilerFactory;
  private final ResourceCache cache;
  private final int workers;
  private final ControllerMetrics metrics;
  private final Leadership leadership;
  private final WorkQueue queue = new WorkQueue();
  private TaskReconciler reconciler;
  private WorkerExecutor executor;

  public TaskReconcilerVerticle(
      Supplier<TaskReconciler> reconcilerFactory,
      ResourceCache cache,
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
    vertx.eventBus().<String>localConsumer(Addresses.TASK_RECONCILE, m -> enqueue(m.body()));
    leadership.follow(vertx);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    // Reconciles still running complete after this; they must not start new ones on a closed
    // executor.
    leadership.stop();
    return executor.close();
  }

  private void reconcileAll() {
    // A new leader trusts nothing it did not see: look at every Task once.
    cache.allTasks().forEach(task -> queue.add(ResourceKey.of(task)));
    pump();
  }

  private void enqueue(String key) {
    if (leadership.isLeading()) {
      queue.add(key);
      pump();
    }
  }

  private void pump() {
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
                  result.result().requeueAfter().ifPresent(delay -> later(key, delay));
                } else {
                  Duration retry = queue.failed(key);
                  if (isConflict(result.cause())) {
                    // Someone else changed the Task since we read it: normal, the retry reads anew.
                    LOG.debug("Task {} changed while reconciling, retrying", key);
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
              });
    }
  }

  private static boolean isConflict(Throwable failure) {
    return failure instanceof KubernetesClientException e
        && e.getCode() == HttpURLConnection.HTTP_CONFLICT;
  }

  private void later(String key, Duration delay) {
    metrics.reconcileRetried();
    vertx.setTimer(Math.max(1, delay.toMillis()), id -> enqueue(key));
  }
}

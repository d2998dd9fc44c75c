package io.axon.controller.transcript;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.runtime.Backoff;
import io.axon.controller.runtime.Leadership;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.runtime.ResourceKey;
import io.axon.controller.task.TaskTransition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each finished Task's agent log ({@link TranscriptKeeper}) while this replica leads, off the
 * reconcile's path: a Task key comes from the status change that finishes it, and from a sweep of
 * the cache's finished Tasks on gaining leadership and every resync (a Task that finished while no
 * replica led). One worker reads one log at a time; at most {@link #MAX_QUEUED} keys wait (the
 * sweep brings back any dropped); a failure is retried with jittered, capped backoff, at most
 * {@link #MAX_ATTEMPTS} times. Kept Tasks are remembered by UID, only while the cache holds them.
 * Writes go through the controller's Lease-fenced client. State lives on this verticle's event
 * loop.
 */
public final class TranscriptVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TranscriptVerticle.class);
  static final int MAX_QUEUED = 256;
  static final int MAX_ATTEMPTS = 6;
  static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(2));

  private final Supplier<ResourceCache> cache;
  private final Function<Task, Boolean> keeper;
  private final Duration resync;
  private final Leadership leadership;
  // The Task as last seen with each waiting key: the transition's own, as the cache may lag.
  private final Map<String, Task> waiting = new LinkedHashMap<>();
  private final Set<String> kept = new HashSet<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private final Map<String, Long> retryTimers = new HashMap<>();
  private String running;
  private WorkerExecutor worker;
  private volatile Context own;
  private long sweepTimer = -1;

  /**
   * @param client the controller's (Lease-fenced) client
   * @param cache the informer caches (started before this verticle)
   * @param leaderElection false when this replica always leads
   */
  public TranscriptVerticle(
      KubernetesClient client,
      Supplier<ResourceCache> cache,
      Duration resync,
      boolean leaderElection) {
    this(cache, new TranscriptKeeper(client)::keep, resync, leaderElection);
  }

  TranscriptVerticle(
      Supplier<ResourceCache> cache,
      Function<Task, Boolean> keeper,
      Duration resync,
      boolean leaderElection) {
    this.cache = cache;
    this.keeper = keeper;
    this.resync = resync;
    this.leadership = new Leadership(leaderElection, this::sweep, this::stopAll);
  }

  @Override
  public Future<?> start() {
    own = context;
    worker = vertx.createSharedWorkerExecutor("axon-transcript", 1);
    sweepTimer = vertx.setPeriodic(resync.toMillis(), id -> sweep());
    leadership.follow(vertx);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    leadership.stop();
    vertx.cancelTimer(sweepTimer);
    stopAll();
    return worker.close();
  }

  /** A status change the controller wrote; from any thread. */
  public void onTransition(TaskTransition transition) {
    Context context = own;
    if (context == null || !transition.phaseChanged()) {
      return;
    }
    // The transition's Task may carry the status from before: take the one just written.
    Task task = new Task();
    task.setMetadata(transition.task().getMetadata());
    task.setSpec(transition.task().getSpec());
    task.setStatus(transition.current());
    if (TranscriptKeeper.keepable(task)) {
      context.runOnContext(v -> request(ResourceKey.of(task), task));
    }
  }

  private void sweep() {
    ResourceCache caches = cache.get();
    if (!leadership.isLeading() || caches == null) {
      return;
    }
    Set<String> present = new HashSet<>();
    for (Task task : caches.allTasks()) {
      present.add(task.getMetadata().getUid());
      if (TranscriptKeeper.keepable(task)
          && !kept.contains(task.getMetadata().getUid())
          && !caches.podsOfTask(ResourceKey.of(task)).isEmpty()) {
        request(ResourceKey.of(task), task);
      }
    }
    kept.retainAll(present);
  }

  private void request(String key, Task task) {
    if (!leadership.isLeading() || key.equals(running)) {
      return;
    }
    if (waiting.containsKey(key)) {
      waiting.put(key, task);
      return;
    }
    if (retryTimers.containsKey(key)) {
      return; // its retry is due
    }
    if (waiting.size() >= MAX_QUEUED) {
      LOG.debug("Transcript queue full; Task {} waits for the next sweep", key);
      return;
    }
    waiting.put(key, task);
    next();
  }

  private void next() {
    if (running != null || waiting.isEmpty()) {
      return;
    }
    String key = waiting.keySet().iterator().next();
    Task task = waiting.remove(key);
    if (!TranscriptKeeper.keepable(task) || kept.contains(task.getMetadata().getUid())) {
      next();
      return;
    }
    running = key;
    worker
        .executeBlocking(() -> keeper.apply(task), false)
        .onComplete(
            done -> {
              running = null;
              finished(key, task, done.cause());
              next();
            });
  }

  private void finished(String key, Task task, Throwable failure) {
    if (failure == null) {
      attempts.remove(key);
      kept.add(task.getMetadata().getUid());
      return;
    }
    int attempt = attempts.merge(key, 1, Integer::sum);
    if (attempt > MAX_ATTEMPTS || !leadership.isLeading()) {
      attempts.remove(key);
      LOG.warn("Keeping the log of Task {} failed {} times: {}", key, attempt, failure.toString());
      return;
    }
    Duration delay = BACKOFF.delay(attempt);
    LOG.info(
        "Keeping the log of Task {} failed (attempt {}), retrying in {} ms: {}",
        key,
        attempt,
        delay.toMillis(),
        failure.toString());
    retryTimers.put(
        key,
        vertx.setTimer(
            delay.toMillis(),
            id -> {
              retryTimers.remove(key);
              // Still there? A Task deleted meanwhile has nothing left to keep.
              ResourceCache caches = cache.get();
              if (caches != null && caches.task(key).isPresent()) {
                request(key, task);
              }
            }));
  }

  private void stopAll() {
    retryTimers.values().forEach(vertx::cancelTimer);
    retryTimers.clear();
    attempts.clear();
    waiting.clear();
  }
}

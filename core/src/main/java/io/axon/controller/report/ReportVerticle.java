package io.axon.controller.report;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.observe.EventRecorder;
import io.axon.controller.runtime.Backoff;
import io.axon.controller.runtime.Leadership;
import io.axon.controller.runtime.LeaseFence;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.runtime.ResourceKey;
import io.axon.controller.task.TaskTransition;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports Tasks back on GitHub while this replica leads ({@link TaskReporter}). A Task key comes
 * from every status change the controller writes, and from a sweep of all Tasks on gaining
 * leadership and every resync; each report renders from the Task's state at that moment. One report
 * per Task runs at a time: a key that changes meanwhile is reported once more afterwards, so fast
 * phase changes give one comment, edited, never two. A failed report is retried with jittered,
 * capped backoff, at most {@link #MAX_ATTEMPTS} times until the Task changes again; a {@link
 * ReportProblem} waits for the next change. State lives on this verticle's event loop.
 */
public final class ReportVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ReportVerticle.class);
  static final int WORKERS = 2;
  static final int MAX_ATTEMPTS = 8;
  static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2));

  /** The reason of the Warning Event on a Task whose report waits for a change. */
  public static final String REPORT_FAILED = "ReportFailed";

  private final Supplier<ResourceCache> cache;
  private final Supplier<EventRecorder> events;
  private final Supplier<TaskReporter> reporters;
  private final Duration resync;
  private final Leadership leadership;
  private final Set<String> running = new HashSet<>();
  private final Set<String> again = new HashSet<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private final Map<String, Long> retryTimers = new HashMap<>();
  private TaskReporter reporter;
  private WorkerExecutor workers;
  private volatile Context own;
  private long sweepTimer = -1;

  /**
   * @param cache the informer caches (started before this verticle)
   * @param sources the installed source kinds, whose settings name the API root
   * @param sourceDefaults the controller's {@code sources} setting
   * @param leaderElection false when this replica always leads
   * @param writable whether a GitHub write may be sent now (the Lease fence), checked right before
   *     each one
   */
  public ReportVerticle(
      KubernetesClient client,
      Supplier<ResourceCache> cache,
      WorkSourceRegistry sources,
      Map<String, Map<String, Object>> sourceDefaults,
      Supplier<EventRecorder> events,
      Duration resync,
      boolean leaderElection,
      BooleanSupplier writable) {
    this(
        cache,
        () -> TaskReporter.create(client, cache.get(), sources, sourceDefaults, writable),
        events,
        resync,
        leaderElection);
  }

  ReportVerticle(
      Supplier<ResourceCache> cache,
      Supplier<TaskReporter> reporters,
      Supplier<EventRecorder> events,
      Duration resync,
      boolean leaderElection) {
    this.events = events;
    this.cache = cache;
    this.reporters = reporters;
    this.resync = resync;
    this.leadership = new Leadership(leaderElection, this::sweep, this::stopAll);
  }

  @Override
  public Future<?> start() {
    own = context;
    reporter = reporters.get();
    workers = vertx.createSharedWorkerExecutor("axon-report", WORKERS);
    sweepTimer = vertx.setPeriodic(resync.toMillis(), id -> sweep());
    leadership.follow(vertx);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    leadership.stop();
    vertx.cancelTimer(sweepTimer);
    stopAll();
    return workers.close();
  }

  /** A status change the controller wrote; from any thread. */
  public void onTransition(TaskTransition transition) {
    Context context = own;
    if (context != null) {
      String key = ResourceKey.of(transition.task());
      context.runOnContext(v -> request(key));
    }
  }

  private void sweep() {
    if (!leadership.isLeading() || cache.get() == null) {
      return;
    }
    for (Task task : cache.get().allTasks()) {
      if (reporter.reportable(task)) {
        request(ResourceKey.of(task));
      }
    }
  }

  private void request(String key) {
    if (!leadership.isLeading()) {
      return;
    }
    if (running.contains(key)) {
      again.add(key);
      return;
    }
    Long timer = retryTimers.remove(key);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
    running.add(key);
    workers
        .executeBlocking(
            () -> {
              reporter.report(key);
              return null;
            },
            false)
        .onComplete(done -> finished(key, done.cause()));
  }

  private void finished(String key, Throwable failure) {
    running.remove(key);
    boolean changedMeanwhile = again.remove(key);
    if (failure == null) {
      attempts.remove(key);
    } else if (failure instanceof NotLeadingWriteException
        || failure instanceof LeaseFence.NotLeadingException) {
      // Deposed: the new leader's sweep reports the Task; this replica writes nothing more.
      attempts.remove(key);
      LOG.info("Report of Task {} stopped: {}", key, failure.getMessage());
    } else if (failure instanceof ReportProblem) {
      attempts.remove(key);
      LOG.warn("Cannot report Task {}: {}", key, failure.getMessage());
      warn(key, "Cannot report the Task on GitHub: " + failure.getMessage());
    } else {
      int attempt = attempts.merge(key, 1, Integer::sum);
      if (attempt <= MAX_ATTEMPTS && !changedMeanwhile) {
        Duration delay = BACKOFF.delay(attempt);
        LOG.info(
            "Reporting Task {} failed (attempt {}), retrying in {} ms: {}",
            key,
            attempt,
            delay.toMillis(),
            message(failure));
        retryTimers.put(
            key,
            vertx.setTimer(
                delay.toMillis(),
                id -> {
                  retryTimers.remove(key);
                  request(key);
                }));
      } else if (attempt > MAX_ATTEMPTS) {
        attempts.remove(key);
        LOG.warn(
            "Reporting Task {} failed {} times; waiting for its next change: {}",
            key,
            MAX_ATTEMPTS,
            message(failure));
        warn(
            key,
            "Reporting the Task on GitHub failed " + MAX_ATTEMPTS + " times: " + message(failure));
      }
    }
    if (changedMeanwhile) {
      request(key);
    }
  }

  /** A Warning Event on the Task, so `axon describe` shows why its report does not move. */
  private void warn(String key, String message) {
    ResourceCache caches = cache.get();
    EventRecorder recorder = events.get();
    Task task = caches == null ? null : caches.task(key).orElse(null);
    if (task == null || recorder == null) {
      return;
    }
    workers
        .executeBlocking(
            () -> {
              recorder.warning(task, REPORT_FAILED, message);
              return null;
            },
            false)
        .onFailure(e -> LOG.debug("Event for Task {} not written", key, e));
  }

  private void stopAll() {
    retryTimers.values().forEach(vertx::cancelTimer);
    retryTimers.clear();
    attempts.clear();
    again.clear();
  }

  private static String message(Throwable failure) {
    return failure instanceof GitHubWriteException ? failure.getMessage() : failure.toString();
  }
}

package io.axon.controller.spawner;

import static io.axon.controller.spawner.SpawnerConditions.REASON_INVALID_SOURCE_CONFIG;
import static io.axon.controller.spawner.SpawnerConditions.REASON_SUSPENDED;
import static io.axon.controller.spawner.SpawnerConditions.REASON_WORKSPACE_NOT_FOUND;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.duration.GoDuration;
import io.axon.controller.runtime.Backoff;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSource;
import io.axon.spi.source.WorkSourceConfig;
import io.axon.spi.source.WorkSourceException;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop of one TaskSpawner. A round checks the spawner's spec, Workspace and Secret (a
 * blocking step), re-opens the source when its settings, repository or token changed, polls (async,
 * never before the source's last {@code retryAt}), creates the missing Tasks and writes the status
 * (a blocking step), and then sleeps for {@code pollInterval}. A change of the spawner's spec or of
 * its Workspace, or a new value of its {@link ApiGroup#POLL_NOW_ANNOTATION}, starts a round at once
 * (still never before the source's {@code retryAt}); at most one round runs at a time.
 *
 * <p>Loop state is touched by the verticle's event loop and by worker threads, but only one step at
 * a time: each step starts when the previous one's future completes.
 */
final class SpawnerLoop {
  private static final Logger LOG = LoggerFactory.getLogger(SpawnerLoop.class);

  /** A spawner that cannot poll looks again this often (a Secret's creation sends no event). */
  static final Duration BLOCKED_RETRY = Duration.ofSeconds(30);

  /**
   * A round that failed (an API error, a timeout) retries on this jittered, growing scale, capped
   * at {@link #BLOCKED_RETRY} and never later than the spawner's own interval.
   */
  static final Backoff ROUND_RETRY = new Backoff(Duration.ofSeconds(1), BLOCKED_RETRY);

  /** How long after a source's {@link WorkSource#nextPollAt} the next poll starts. */
  static final Duration PAST_ASKED = Duration.ofMillis(50);

  /**
   * The soonest a poll the source asked for (a schedule's tick) follows the last: no tight loop.
   */
  static final Duration SOONEST_ASKED = Duration.ofSeconds(1);

  /** A poll that has not answered by then counts as failed. */
  static final Duration POLL_TIMEOUT = Duration.ofMinutes(5);

  private final String key;
  private final SpawnerEnvironment env;
  private final SpawnerStatusWriter status;
  private final SpawnedTaskCreator creator;

  private boolean running;
  private int failedRounds;
  private boolean again;
  private boolean closed;
  private long timer = -1;
  private String lastTrigger;

  private WorkSource source;
  private SourceSetup setup;
  private Instant notBefore = Instant.MIN;
  private Duration interval = GoDuration.parse(SpawnerPlan.DEFAULT_POLL_INTERVAL);
  private String lastProblem;

  /** Whether the last round left an item waiting for a running Task, and how many ran then. */
  private boolean waiting;

  private int activeWhenWaiting;

  /** What a round's first step found: a spawner that is gone, blocked (no plan), or ready. */
  private record Prepared(TaskSpawner spawner, SpawnerPlan plan, Duration retryIn) {}

  /** What the open source was opened with; the token only as a hash. */
  private record SourceSetup(
      String kind, Map<String, Object> settings, String repoURL, String tokenHash) {}

  SpawnerLoop(String key, SpawnerEnvironment env) {
    this.key = key;
    this.env = env;
    this.status = new SpawnerStatusWriter(env.client(), env.clock());
    this.creator = new SpawnedTaskCreator(env.client(), env.cache(), env.observer());
  }

  /**
   * The spawner or one of its Tasks changed: poll now if its spec or Workspace did, else bring
   * {@code activeTasks} up to date (a round in progress writes it itself).
   */
  void changed() {
    if (!Objects.equals(trigger(), lastTrigger)) {
      pollNow();
    } else if (waiting && !running && ActiveTasks.count(env, key) < activeWhenWaiting) {
      pollNow(); // A Task finished: a waiting item (a queued tick) may get its Task now.
    } else if (!running && !closed) {
      // Counts as a round: the status writer takes one caller at a time, and a poll asked for
      // meanwhile runs right after instead of racing this write.
      running = true;
      env.workers()
          .executeBlocking(() -> ActiveTasks.refresh(key, env, status), false)
          .onComplete(
              done -> {
                running = false;
                if (done.failed()) {
                  LOG.debug("TaskSpawner {}: activeTasks not refreshed: {}", key, done.cause());
                }
                if (closed) {
                  closeSource();
                } else if (again) {
                  again = false;
                  round();
                }
              });
    }
  }

  void pollNow() {
    cancelTimer();
    if (closed) {
      return;
    }
    if (running) {
      again = true;
    } else {
      round();
    }
  }

  /** Stops polling and closes the source (at once, or when the running round ends). */
  void close() {
    closed = true;
    cancelTimer();
    if (!running) {
      closeSource();
    }
  }

  private void round() {
    running = true;
    lastTrigger = trigger();
    env.workers()
        .executeBlocking(this::prepare, false)
        .compose(this::pollIfReady)
        .onComplete(
            done -> {
              running = false;
              if (closed) {
                closeSource();
                return;
              }
              Duration next;
              if (done.succeeded()) {
                failedRounds = 0;
                next = done.result();
              } else {
                next = min(interval, ROUND_RETRY.delay(++failedRounds));
                LOG.warn(
                    "TaskSpawner {}: poll round failed, retrying in {} ms: {}",
                    key,
                    next.toMillis(),
                    done.cause().toString());
              }
              if (again) {
                again = false;
                round();
              } else if (next != null) {
                timer =
                    env.context()
                        .owner()
                        .setTimer(
                            Math.max(1, next.toMillis()),
                            id -> {
                              timer = -1;
                              pollNow();
                            });
              }
            });
  }

  /** Blocking: checks the spec, Workspace and Secret, and (re-)opens the source. */
  private Prepared prepare() {
    TaskSpawner spawner =
        env.cache()
            .spawner(key)
            .filter(s -> s.getMetadata().getDeletionTimestamp() == null)
            .orElse(null);
    if (spawner == null) {
      closeSource();
      return new Prepared(null, null, null);
    }
    try {
      SpawnerPlan plan = SpawnerPlan.of(spawner, env.sources(), env.sourceDefaults());
      interval = plan.pollInterval();
      AgentTypeCheck.require(spawner.getSpec().getTaskTemplate().getType(), env.agentTypes());
      if (Boolean.TRUE.equals(spawner.getSpec().getSuspend())) {
        throw new SpawnerConfigException(
            REASON_SUSPENDED,
            "spec.suspend is true: no polls and no new Tasks until it is set back to false");
      }
      String namespace = spawner.getMetadata().getNamespace();
      Workspace workspace =
          plan.workspaceName() == null
              ? null
              : env.cache()
                  .workspace(namespace, plan.workspaceName())
                  .orElseThrow(
                      () ->
                          new SpawnerConfigException(
                              REASON_WORKSPACE_NOT_FOUND,
                              "Workspace \"%s\" not found in namespace \"%s\": create it and the spawner starts polling"
                                  .formatted(plan.workspaceName(), namespace)));
      Optional<String> token =
          workspace == null ? Optional.empty() : WorkspaceToken.read(env.client(), workspace, plan);
      openSource(plan, workspace, token, created(spawner));
      return new Prepared(spawner, plan, plan.pollInterval());
    } catch (SpawnerConfigException problem) {
      closeSource();
      if (!problem.getMessage().equals(lastProblem)) {
        LOG.warn("TaskSpawner {} cannot poll: {}", key, problem.getMessage());
        lastProblem = problem.getMessage();
      }
      Long generation = spawner.getMetadata().getGeneration();
      status.write(
          spawner, s -> SpawnerStatuses.blocked(s, problem, generation, env.clock().instant()));
      return new Prepared(spawner, null, min(interval, BLOCKED_RETRY));
    }
  }

  private void openSource(
      SpawnerPlan plan, Workspace workspace, Optional<String> token, Instant spawnerCreated) {
    String repoURL =
        workspace == null || workspace.getSpec() == null ? null : workspace.getSpec().getRepo();
    SourceSetup wanted =
        new SourceSetup(plan.kind(), plan.settings(), repoURL, token.map(this::hash).orElse(""));
    if (source != null && wanted.equals(setup)) {
      return;
    }
    if (setup != null && !setup.tokenHash().equals(wanted.tokenHash())) {
      notBefore = Instant.MIN; // A new token comes with its own rate limit.
    }
    closeSource();
    try {
      source =
          plan.provider()
              .open(
                  new WorkSourceConfig(
                      plan.settings(), repoURL, token, env.host(), spawnerCreated));
      setup = wanted;
    } catch (WorkSourceException e) {
      throw new SpawnerConfigException(
          REASON_INVALID_SOURCE_CONFIG, "spec.when.%s: %s".formatted(plan.kind(), e.getMessage()));
    }
  }

  /** On the event loop: polls unless the spawner is gone, blocked, or asked to wait. */
  private Future<Duration> pollIfReady(Prepared prepared) {
    if (prepared.spawner() == null || closed) {
      return Future.succeededFuture(null);
    }
    if (prepared.plan() == null) {
      return Future.succeededFuture(prepared.retryIn());
    }
    Instant now = env.clock().instant();
    if (now.isBefore(notBefore)) {
      return Future.succeededFuture(Duration.between(now, notBefore));
    }
    WorkSource polled = source;
    Future<List<WorkItem>> answer;
    try {
      answer =
          Future.fromCompletionStage(polled.poll(), env.context())
              .timeout(POLL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    return answer.transform(
        result ->
            closed
                ? Future.succeededFuture(null) // Deleted, or leadership lost, meanwhile.
                : env.workers()
                    .executeBlocking(
                        () ->
                            result.succeeded()
                                ? created(prepared.plan(), polled, result.result())
                                : failed(prepared.plan(), result.cause()),
                        false));
  }

  /** Blocking: the source answered; creates the missing Tasks and writes the status. */
  private Duration created(SpawnerPlan plan, WorkSource polled, List<WorkItem> items) {
    TaskSpawner spawner = env.cache().spawner(key).orElse(null);
    if (spawner == null) {
      return null;
    }
    env.observer().onPoll(spawner, items, polled.lastPollStats());
    SpawnedTaskCreator.Outcome outcome =
        creator.createMissing(spawner, plan, items, polled.overlap());
    String problem = outcome.problem().orElse(null);
    if (problem != null && !problem.equals(lastProblem)) {
      LOG.warn("TaskSpawner {}: {}", key, problem);
    } else if (problem == null && lastProblem != null) {
      LOG.info("TaskSpawner {} is polling again", key);
    }
    lastProblem = problem;
    waiting = outcome.waiting();
    activeWhenWaiting = outcome.active();
    Long generation = spawner.getMetadata().getGeneration();
    status.write(
        spawner,
        s -> SpawnerStatuses.polled(s, plan, items, outcome, generation, env.clock().instant()));
    return untilNextPoll(plan, polled);
  }

  /** Blocking: the source failed; records when to try again and says why in the status. */
  private Duration failed(SpawnerPlan plan, Throwable cause) {
    WorkSourceException failure = asSourceFailure(cause);
    failure.retryAt().ifPresent(at -> notBefore = at);
    TaskSpawner spawner = env.cache().spawner(key).orElse(null);
    if (spawner == null) {
      return null;
    }
    env.observer().onSourceError(spawner, failure);
    if (!failure.getMessage().equals(lastProblem)) {
      LOG.warn("TaskSpawner {}: {}", key, failure.getMessage());
      lastProblem = failure.getMessage();
    }
    Long generation = spawner.getMetadata().getGeneration();
    Instant now = env.clock().instant();
    status.write(spawner, s -> SpawnerStatuses.sourceFailed(s, plan, failure, generation, now));
    Instant next = now.plus(plan.pollInterval());
    return Duration.between(now, notBefore.isAfter(next) ? notBefore : next);
  }

  /** The spawner's interval, or sooner when the source asks (a schedule's next tick). */
  private Duration untilNextPoll(SpawnerPlan plan, WorkSource polled) {
    Duration next = plan.pollInterval();
    Optional<Instant> asked = polled.nextPollAt();
    if (asked.isPresent()) {
      // A little after the time asked for, so the poll sees it; never a tight loop.
      Duration until = Duration.between(env.clock().instant(), asked.get()).plus(PAST_ASKED);
      next = min(next, until.compareTo(SOONEST_ASKED) < 0 ? SOONEST_ASKED : until);
    }
    return next;
  }

  private static Instant created(TaskSpawner spawner) {
    String at = spawner.getMetadata().getCreationTimestamp();
    try {
      return at == null ? null : Instant.parse(at);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static WorkSourceException asSourceFailure(Throwable cause) {
    Throwable c = cause;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof WorkSourceException failure) {
      return failure;
    }
    String message =
        c instanceof TimeoutException
            ? "the source did not answer within %d minutes; the next poll tries again"
                .formatted(POLL_TIMEOUT.toMinutes())
            : "the source failed (%s); the next poll tries again".formatted(c);
    return new WorkSourceException(WorkSourceException.Reason.UNAVAILABLE, message, null, c);
  }

  /**
   * What, when it changes, calls for a poll now: the spawner's spec, its poll-now annotation and
   * its Workspace.
   */
  private String trigger() {
    return env.cache()
        .spawner(key)
        .map(
            spawner -> {
              String workspace = workspaceName(spawner);
              String version =
                  workspace == null
                      ? "-"
                      : env.cache()
                          .workspace(spawner.getMetadata().getNamespace(), workspace)
                          .map(w -> w.getMetadata().getResourceVersion())
                          .orElse("absent");
              return spawner.getMetadata().getUid()
                  + "/"
                  + spawner.getMetadata().getGeneration()
                  + "/"
                  + pollNow(spawner)
                  + "/"
                  + workspace
                  + "@"
                  + version;
            })
        .orElse("gone");
  }

  private static String pollNow(TaskSpawner spawner) {
    Map<String, String> annotations = spawner.getMetadata().getAnnotations();
    return annotations == null ? "" : annotations.getOrDefault(ApiGroup.POLL_NOW_ANNOTATION, "");
  }

  static String workspaceName(TaskSpawner spawner) {
    var spec = spawner.getSpec();
    if (spec == null || spec.getWhen() == null) {
      return null;
    }
    return spec.getWhen().workspaceName().orElse(null);
  }

  private void closeSource() {
    WorkSource open = source;
    source = null;
    setup = null;
    if (open != null) {
      try {
        open.close();
      } catch (RuntimeException e) {
        LOG.debug("Closing the source of TaskSpawner {} failed", key, e);
      }
    }
  }

  private void cancelTimer() {
    if (timer >= 0) {
      env.context().owner().cancelTimer(timer);
      timer = -1;
    }
  }

  private String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}

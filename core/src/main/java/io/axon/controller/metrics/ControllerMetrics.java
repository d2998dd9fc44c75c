package io.axon.controller.metrics;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.runtime.InformerHealth;
import io.axon.spi.source.WorkSourceException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The controller's Prometheus metrics, all low-cardinality (no per-Task labels). Served on {@code
 * /metrics} of the health port; the list with meanings is in docs/observability.md. Thread-safe:
 * reconcilers and spawners call it from workers.
 */
public final class ControllerMetrics {
  private static final Duration[] DURATION_BUCKETS = {
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(20),
    Duration.ofMinutes(30),
    Duration.ofHours(1),
    Duration.ofHours(2),
    Duration.ofHours(4)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter reconcileSuccess;
  private final Counter reconcileError;
  private final Counter reconcileRetries;
  private final Counter spawnerPollSuccess;
  private final Counter spawnerPollError;
  private final Counter kubernetesEventsDropped;
  private volatile IntSupplier kubernetesEventsQueued = () -> 0;
  private volatile int reconcilesQueued;
  private volatile int reconcilesScheduled;
  private volatile Supplier<Collection<Task>> tasks = List::of;
  private volatile boolean leader;
  private volatile double gitHubRateLimitRemaining = Double.NaN;

  public ControllerMetrics() {
    for (TaskPhase phase : TaskPhase.values()) {
      Gauge.builder("axon.tasks", this, m -> m.count(phase))
          .description("Tasks in the controller's cache, by phase")
          .tag("phase", phase.name())
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder("axon.leader", this, m -> m.leader ? 1 : 0)
        .description("1 while this replica leads (reconciles and polls), 0 on standby")
        .strongReference(true)
        .register(registry);
    Gauge.builder("axon.github.rate.limit.remaining", this, m -> m.gitHubRateLimitRemaining)
        .description("GitHub API requests left in the current rate-limit window (NaN until known)")
        .strongReference(true)
        .register(registry);
    Gauge.builder("axon.reconcile.queued", this, m -> m.reconcilesQueued)
        .description("Tasks waiting to be reconciled or being reconciled")
        .strongReference(true)
        .register(registry);
    Gauge.builder("axon.reconcile.scheduled", this, m -> m.reconcilesScheduled)
        .description("Tasks with a reconcile scheduled for later (a retry or a look again)")
        .strongReference(true)
        .register(registry);
    reconcileSuccess = reconcileCounter("success");
    reconcileError = reconcileCounter("error");
    reconcileRetries =
        Counter.builder("axon.reconcile.retries")
            .description("Reconciles scheduled again after a failure (an error or a conflict)")
            .register(registry);
    kubernetesEventsDropped =
        Counter.builder("axon.kubernetes.events.dropped")
            .description("Kubernetes Events not written because the Event queue was full")
            .register(registry);
    Gauge.builder("axon.kubernetes.events.queued", this, m -> m.kubernetesEventsQueued.getAsInt())
        .description("Kubernetes Events waiting to be written")
        .strongReference(true)
        .register(registry);
    spawnerPollSuccess = spawnerPolls("success");
    spawnerPollError = spawnerPolls("error");
    for (WorkSourceException.Reason reason : WorkSourceException.Reason.values()) {
      spawnerErrors(reason); // Present from the start, at 0, so alerts can use rate().
    }
  }

  /**
   * A Vert.x whose own metrics (event bus, HTTP server, TCP bridge, worker pools, JVM) go into this
   * registry too. Each instance gets a registry name of its own, so two in one JVM stay apart.
   */
  public Vertx newVertx() {
    MicrometerMetricsOptions options =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            .setRegistryName("axon-" + UUID.randomUUID());
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(options))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Where the {@code axon_tasks} gauge counts Tasks: the controller's cache. */
  public void countTasksIn(Supplier<Collection<Task>> tasks) {
    this.tasks = tasks;
  }

  /**
   * Where the {@code axon_informer_up{resource,namespace,state}} gauges look: 1 while an informer
   * is running, has synced, or is watching (one series per state), 0 otherwise.
   */
  public void watchInformers(Supplier<List<InformerHealth>> informers) {
    for (InformerHealth informer : informers.get()) {
      for (String state : List.of("running", "synced", "watching")) {
        Gauge.builder("axon.informer.up", informers, all -> up(all.get(), informer, state))
            .description("1 while the informer is in this state (running, synced, watching)")
            .tag("resource", informer.resource())
            .tag("namespace", informer.scope())
            .tag("state", state)
            .strongReference(true)
            .register(registry);
      }
    }
  }

  private static double up(List<InformerHealth> all, InformerHealth which, String state) {
    for (InformerHealth now : all) {
      if (now.resource().equals(which.resource()) && now.scope().equals(which.scope())) {
        boolean up =
            switch (state) {
              case "running" -> now.running();
              case "synced" -> now.synced();
              default -> now.watching();
            };
        return up ? 1 : 0;
      }
    }
    return 0;
  }

  /** Where the {@code axon_kubernetes_events_queued} gauge reads the Event queue's length. */
  public void countEventsQueuedIn(IntSupplier queued) {
    this.kubernetesEventsQueued = queued;
  }

  /** The Event queue was full and dropped its oldest: {@code axon_kubernetes_events_dropped}. */
  public void kubernetesEventDropped() {
    kubernetesEventsDropped.increment();
  }

  public void leader(boolean leading) {
    this.leader = leading;
  }

  /** A reconcile ended: {@code axon_reconcile_total{result}}. */
  public void reconciled(boolean success) {
    (success ? reconcileSuccess : reconcileError).increment();
  }

  /**
   * The Task work queue's length and how many keys wait on a timer: {@code axon_reconcile_queued}
   * and {@code axon_reconcile_scheduled}.
   */
  public void reconcileBacklog(int queued, int scheduled) {
    this.reconcilesQueued = queued;
    this.reconcilesScheduled = scheduled;
  }

  /** The controller scheduled a key again by itself: {@code axon_reconcile_retries_total}. */
  public void reconcileRetried() {
    reconcileRetries.increment();
  }

  /** A Task finished: {@code axon_task_duration_seconds{type,outcome}}. */
  public void taskFinished(String type, TaskPhase outcome, Duration duration) {
    Timer.builder("axon.task.duration")
        .description("How long Tasks ran, from the agent's start to the end")
        .tag("type", type)
        .tag("outcome", outcome.name())
        .serviceLevelObjectives(DURATION_BUCKETS)
        .register(registry)
        .record(duration);
  }

  /**
   * What an agent reported using: {@code axon_agent_cost_usd_total{type,model}} and {@code
   * axon_agent_tokens_total{type,model,direction}}.
   */
  public void agentUsage(
      String type, String model, BigDecimal costUSD, long inputTokens, long outputTokens) {
    if (costUSD != null && costUSD.signum() > 0) {
      Counter.builder("axon.agent.cost.usd")
          .description("What agents reported spending, in US dollars")
          .tag("type", type)
          .tag("model", model)
          .register(registry)
          .increment(costUSD.doubleValue());
    }
    tokens(type, model, "input").increment(inputTokens);
    tokens(type, model, "output").increment(outputTokens);
  }

  /** A TaskSpawner polled its source: {@code axon_spawner_polls_total{result="success"}}. */
  public void spawnerPollSucceeded() {
    spawnerPollSuccess.increment();
  }

  /**
   * A TaskSpawner's poll failed: {@code axon_spawner_polls_total{result="error"}} and {@code
   * axon_spawner_errors_total{reason}}.
   */
  public void spawnerPollFailed(WorkSourceException.Reason reason) {
    spawnerPollError.increment();
    spawnerErrors(reason).increment();
  }

  /** What GitHub last said about its rate limit: {@code axon_github_rate_limit_remaining}. */
  public void gitHubRateLimitRemaining(long remaining) {
    this.gitHubRateLimitRemaining = remaining;
  }

  private double count(TaskPhase phase) {
    return tasks.get().stream()
        .filter(t -> t.getStatus() != null && t.getStatus().getPhase() == phase)
        .count();
  }

  private Counter reconcileCounter(String result) {
    return Counter.builder("axon.reconcile")
        .description("Reconciles, by result")
        .tag("result", result)
        .register(registry);
  }

  private Counter spawnerPolls(String result) {
    return Counter.builder("axon.spawner.polls")
        .description("TaskSpawner polls of their sources, by result")
        .tag("result", result)
        .register(registry);
  }

  private Counter spawnerErrors(WorkSourceException.Reason reason) {
    return Counter.builder("axon.spawner.errors")
        .description("Failed TaskSpawner polls, by reason")
        .tag("reason", reason.name().toLowerCase(Locale.ROOT))
        .register(registry);
  }

  private Counter tokens(String type, String model, String direction) {
    return Counter.builder("axon.agent.tokens")
        .description("Tokens agents reported using, by direction (input or output)")
        .tag("type", type)
        .tag("model", model)
        .tag("direction", direction)
        .register(registry);
  }
}

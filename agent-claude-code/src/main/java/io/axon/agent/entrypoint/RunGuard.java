package io.axon.agent.entrypoint;

import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.RunResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds one run to its {@link RunLimits}: meters the agent's events, stops the agent when a limit
 * is reached (gracefully first, see {@link AgentStopper}), and then saves the work so far ({@link
 * WorkSalvage}) so the summary can say where it is. Also saves the work when the entrypoint itself
 * is stopped by a signal (the pod's deadline, a deleted Task).
 */
final class RunGuard {

  static final Duration INTERRUPT_GRACE = Duration.ofSeconds(10);
  static final Duration TERMINATE_GRACE = Duration.ofSeconds(5);
  static final Duration PUSH_TIMEOUT = Duration.ofSeconds(60);

  /** After a signal the kubelet allows 30 s in all; the agent's stop has used some. */
  static final Duration PUSH_TIMEOUT_ON_SIGNAL = Duration.ofSeconds(12);

  private final EntrypointConfig config;
  private final PrintStream log;
  private final UsageMeter meter = new UsageMeter();
  private final LimitWatcher watcher;
  private final Optional<String> startCommit;
  private final ScheduledExecutorService clock;
  private volatile AgentStopper stopper;
  private volatile long startNanos;

  RunGuard(EntrypointConfig config, PrintStream log) {
    this.config = config;
    this.log = log;
    this.watcher = new LimitWatcher(config.limits(), meter);
    this.startCommit = GitState.of(config.workspaceDir()).commit();
    this.clock =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "axon-agent-clock");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** The agent is running: the clock starts. */
  void started(Process agent) {
    startNanos = System.nanoTime();
    stopper = new AgentStopper(agent, INTERRUPT_GRACE, TERMINATE_GRACE, log);
    config
        .limits()
        .clock()
        .ifPresent(
            at ->
                clock.schedule(
                    () -> watcher.timeUp(at).ifPresent(this::stop),
                    at.after().toMillis(),
                    TimeUnit.MILLISECONDS));
  }

  /** One line's events. */
  void observe(List<AgentEvent> events) {
    for (AgentEvent event : events) {
      meter.add(event);
      watcher.check(event).ifPresent(this::stop);
    }
  }

  /** The agent exited. */
  void ended() {
    clock.shutdownNow();
  }

  /**
   * When a limit ended the run (the watcher's, or the agent CLI's own flag as its result says), the
   * summary of a limit's stop, with the work saved; else empty.
   */
  Optional<RunResult> limitReached(RunResult agentResult) {
    Optional<LimitWatcher.Hit> hit =
        watcher.reportedByAgent(agentResult == null ? null : agentResult.reason());
    if (hit.isEmpty()) {
      return Optional.empty();
    }
    WorkSalvage.Saved saved =
        new WorkSalvage(config.workspaceDir(), PUSH_TIMEOUT)
            .save(
                config.wipBranch(),
                startCommit,
                ("WIP: stopped at the limit " + hit.get().limit() + " " + hit.get().bound())
                    .strip());
    log.println("axon-agent: " + saved.detail());
    return Optional.of(
        LimitSummary.of(hit.get(), agentResult, meter.metered(), elapsed(), meter.model(), saved));
  }

  /** A run stopped by a signal: the work so far is saved, and the summary says where. */
  RunResult saveOnSignal(RunResult terminated) {
    WorkSalvage.Saved saved =
        new WorkSalvage(config.workspaceDir(), PUSH_TIMEOUT_ON_SIGNAL)
            .save(config.wipBranch(), startCommit, "WIP: the agent was stopped by a signal");
    if (saved.branch().isEmpty()) {
      return terminated;
    }
    return new RunResult(
        terminated.outcome(),
        terminated.reason(),
        terminated.message() + "; " + saved.detail(),
        terminated.turns(),
        terminated.costUSD(),
        terminated.inputTokens(),
        terminated.outputTokens(),
        terminated.durationMillis(),
        terminated.model(),
        saved.branch().get(),
        saved.commit().orElse(null),
        terminated.pullRequestURL(),
        terminated.limit(),
        saved.pushed() ? saved.branch().get() : null);
  }

  private void stop(LimitWatcher.Hit hit) {
    AgentStopper current = stopper;
    if (current != null) {
      current.stopInBackground("the run reached its limit " + hit.limit() + " " + hit.bound());
    }
  }

  private Duration elapsed() {
    return startNanos == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startNanos);
  }
}

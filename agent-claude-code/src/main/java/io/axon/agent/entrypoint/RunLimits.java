package io.axon.agent.entrypoint;

import java.time.Duration;
import java.util.Optional;

/**
 * The limits a run is held to while it runs (a Task's {@code spec.limits}, {@code axon run}'s
 * flags), and the pod's deadline, near which the entrypoint stops the agent itself so that it can
 * still save the work.
 *
 * @param maxTurns {@code AXON_MAX_TURNS}: model turns
 * @param maxCostUSD {@code AXON_MAX_COST_USD}: US dollars, as the agent CLI reports them or as
 *     priced from {@link ModelRates}
 * @param maxDuration {@code AXON_MAX_DURATION_SECONDS}: wall time from the agent's start
 * @param maxOutputTokens {@code AXON_MAX_OUTPUT_TOKENS}: model output tokens
 * @param deadline {@code AXON_DEADLINE_SECONDS}: the pod's {@code activeDeadlineSeconds}; the agent
 *     is stopped {@link #deadlineMargin} before it
 */
record RunLimits(
    Optional<Integer> maxTurns,
    Optional<Double> maxCostUSD,
    Optional<Duration> maxDuration,
    Optional<Long> maxOutputTokens,
    Optional<Duration> deadline) {

  static final String MAX_TURNS = "maxTurns";
  static final String MAX_COST_USD = "maxCostUSD";
  static final String MAX_DURATION = "maxDuration";
  static final String MAX_OUTPUT_TOKENS = "maxOutputTokens";
  static final String DEADLINE = "activeDeadlineSeconds";

  static RunLimits none() {
    return new RunLimits(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * How long before the deadline the agent is stopped: the clone ran before the clock started here,
   * and saving and pushing the work takes a while. A tenth of the deadline, from 20 s to 2 min, but
   * never more than half of it: a short deadline still leaves the agent time to work.
   */
  static Duration deadlineMargin(Duration deadline) {
    long tenth = deadline.toSeconds() / 10;
    long margin = Math.max(20, Math.min(120, tenth));
    return Duration.ofSeconds(Math.min(margin, deadline.toSeconds() / 2));
  }

  /**
   * When the clock stops the agent, measured from its start, and by which limit: the earlier of
   * maxDuration and the deadline less its margin.
   */
  Optional<Clock> clock() {
    Optional<Clock> byDuration = maxDuration.map(d -> new Clock(MAX_DURATION, d));
    Optional<Clock> byDeadline =
        deadline.map(
            d -> {
              Duration at = d.minus(deadlineMargin(d));
              return new Clock(DEADLINE, at.isNegative() ? Duration.ZERO : at);
            });
    if (byDuration.isPresent() && byDeadline.isPresent()) {
      return Optional.of(
          byDeadline.get().after().compareTo(byDuration.get().after()) < 0
              ? byDeadline.get()
              : byDuration.get());
    }
    return byDuration.isPresent() ? byDuration : byDeadline;
  }

  /** A stop by the clock: which limit, after how long. */
  record Clock(String limit, Duration after) {}
}

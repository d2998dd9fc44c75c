package io.axon.agent.entrypoint;

import io.axon.spi.agent.AgentEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Decides, event by event, whether the run has reached one of its limits. Turns and cost are
 * checked when a new turn starts, so that a turn's tool call is not cut short (the agent CLI stops
 * itself there when it has the flag; this is the backstop); output tokens are checked as the text
 * streams. The clock ({@link RunLimits#clock}) is the entrypoint's. Says so once: the first limit
 * reached is the one reported.
 */
final class LimitWatcher {

  /**
   * A limit was reached.
   *
   * @param limit which, as {@code spec.limits} names it
   * @param bound the limit's value, as a person reads it: {@code 3}, {@code $0.10}, {@code 30m};
   *     empty when only the agent CLI knew it
   */
  record Hit(String limit, String bound) {}

  private final RunLimits limits;
  private final UsageMeter meter;
  private Hit hit;

  LimitWatcher(RunLimits limits, UsageMeter meter) {
    this.limits = limits;
    this.meter = meter;
  }

  /** Takes an event (after the meter took it); returns the limit it reached, the first time. */
  synchronized Optional<Hit> check(AgentEvent event) {
    if (hit != null) {
      return Optional.empty();
    }
    UsageMeter.Figures now = meter.figures();
    if (event instanceof AgentEvent.TurnStarted turn) {
      if (limits.maxTurns().isPresent() && turn.turn() > limits.maxTurns().get()) {
        return record(new Hit(RunLimits.MAX_TURNS, Integer.toString(limits.maxTurns().get())));
      }
      if (limits.maxCostUSD().isPresent() && costBeforeThisTurn() >= limits.maxCostUSD().get()) {
        return record(new Hit(RunLimits.MAX_COST_USD, dollars(limits.maxCostUSD().get())));
      }
    } else if (event instanceof AgentEvent.Usage) {
      if (limits.maxOutputTokens().isPresent()
          && now.outputTokens() >= limits.maxOutputTokens().get()) {
        return record(
            new Hit(RunLimits.MAX_OUTPUT_TOKENS, Long.toString(limits.maxOutputTokens().get())));
      }
    }
    return Optional.empty();
  }

  /** The clock ran out; returns the hit unless a limit was reached before. */
  synchronized Optional<Hit> timeUp(RunLimits.Clock clock) {
    if (hit != null) {
      return Optional.empty();
    }
    return record(new Hit(clock.limit(), Durations.human(clock.after())));
  }

  /**
   * A limit the agent CLI enforced itself, recognised from its result's reason; kept unless the
   * watcher had already stopped the run for another.
   */
  synchronized Optional<Hit> reportedByAgent(String reason) {
    if (hit != null || reason == null) {
      return Optional.ofNullable(hit);
    }
    return switch (reason) {
      case "error_max_turns" ->
          record(new Hit(RunLimits.MAX_TURNS, limits.maxTurns().map(String::valueOf).orElse("")));
      case "error_max_budget_usd" ->
          record(
              new Hit(
                  RunLimits.MAX_COST_USD,
                  limits.maxCostUSD().map(LimitWatcher::dollars).orElse("")));
      default -> Optional.empty();
    };
  }

  synchronized Optional<Hit> hit() {
    return Optional.ofNullable(hit);
  }

  /**
   * A new turn's response reports its input at once: the cost up to that turn is what the meter
   * said just before, which the TurnStarted event is checked against (it comes first).
   */
  private double costBeforeThisTurn() {
    return meter.figures().costUSD();
  }

  private Optional<Hit> record(Hit reached) {
    hit = reached;
    return Optional.of(reached);
  }

  /** Dollars with two to four decimals: $0.10, $0.0716. */
  static String dollars(double usd) {
    BigDecimal value =
        BigDecimal.valueOf(usd).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    return "$" + (value.scale() < 2 ? value.setScale(2) : value).toPlainString();
  }
}

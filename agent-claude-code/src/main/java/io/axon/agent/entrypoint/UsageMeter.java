package io.axon.agent.entrypoint;

import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.RunResult;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's turns, tokens and cost so far, from the agent's events: per model response as it streams,
 * priced from {@link ModelRates}, until the agent reports its own totals, which then win. Only the
 * last few responses are kept apart (a response's figures may still grow); older ones are folded
 * into the totals, so memory stays small however long the run.
 */
final class UsageMeter {

  /** The figures at one moment. */
  record Figures(int turns, long inputTokens, long outputTokens, double costUSD) {}

  private static final int OPEN_RESPONSES = 32;

  private final Map<String, AgentEvent.Usage> open = new LinkedHashMap<>();
  private long closedInput;
  private long closedOutput;
  private double closedCost;
  private int turns;
  private RunResult reported;
  private String model;

  /** Takes one event; returns whether the figures changed. */
  synchronized boolean add(AgentEvent event) {
    if (event instanceof AgentEvent.Init init) {
      model = init.model();
      return false;
    }
    if (event instanceof AgentEvent.TurnStarted turn) {
      turns = Math.max(turns, turn.turn());
      return true;
    }
    if (event instanceof AgentEvent.Usage usage) {
      AgentEvent.Usage before = open.remove(usage.responseId());
      open.put(usage.responseId(), before == null ? usage : larger(before, usage));
      if (open.size() > OPEN_RESPONSES) {
        Iterator<AgentEvent.Usage> oldest = open.values().iterator();
        AgentEvent.Usage done = oldest.next();
        oldest.remove();
        closedInput += input(done);
        closedOutput += done.outputTokens();
        closedCost += cost(done);
      }
      return true;
    }
    if (event instanceof AgentEvent.Finished finished) {
      reported = finished.result();
      return true;
    }
    return false;
  }

  synchronized Figures figures() {
    Figures own = metered();
    if (reported == null) {
      return own;
    }
    // The agent's own totals, where it gave them, are exact; ours are estimates.
    return new Figures(
        reported.turns() != null ? reported.turns() : own.turns(),
        reported.inputTokens() != null ? reported.inputTokens() : own.inputTokens(),
        reported.outputTokens() != null ? reported.outputTokens() : own.outputTokens(),
        reported.costUSD() != null ? reported.costUSD() : own.costUSD());
  }

  /** The figures from the events alone, whatever the agent reported at the end. */
  synchronized Figures metered() {
    long input = closedInput;
    long output = closedOutput;
    double cost = closedCost;
    for (AgentEvent.Usage usage : open.values()) {
      input += input(usage);
      output += usage.outputTokens();
      cost += cost(usage);
    }
    return new Figures(turns, input, output, cost);
  }

  /** The model the agent said it uses, when it said. */
  synchronized String model() {
    return model;
  }

  private static long input(AgentEvent.Usage u) {
    return u.inputTokens() + u.cacheWriteTokens() + u.cacheReadTokens();
  }

  private static double cost(AgentEvent.Usage u) {
    return ModelRates.of(u.model())
        .cost(u.inputTokens(), u.cacheWriteTokens(), u.cacheReadTokens(), u.outputTokens());
  }

  private static AgentEvent.Usage larger(AgentEvent.Usage a, AgentEvent.Usage b) {
    return new AgentEvent.Usage(
        b.responseId(),
        b.model() != null ? b.model() : a.model(),
        Math.max(a.inputTokens(), b.inputTokens()),
        Math.max(a.cacheWriteTokens(), b.cacheWriteTokens()),
        Math.max(a.cacheReadTokens(), b.cacheReadTokens()),
        Math.max(a.outputTokens(), b.outputTokens()));
  }
}

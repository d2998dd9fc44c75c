package io.axon.agent.entrypoint;

import io.axon.spi.agent.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary of a run a limit stopped: outcome {@code Failed}, reason {@link
 * RunResult#LIMIT_REACHED}, which limit, the figures at the stop (the agent's own where it reported
 * them, else the entrypoint's meter), and where the work so far was saved.
 */
final class LimitSummary {
  private LimitSummary() {}

  /**
   * @param agent the agent's own result, if it wrote one before it stopped
   * @param figures the meter's own figures at the stop
   * @param elapsed wall time since the agent started
   * @param model the model, when known
   */
  static RunResult of(
      LimitWatcher.Hit hit,
      RunResult agent,
      UsageMeter.Figures figures,
      Duration elapsed,
      String model,
      WorkSalvage.Saved saved) {
    int turns = agent != null && agent.turns() != null ? agent.turns() : figures.turns();
    double cost = agent != null && agent.costUSD() != null ? agent.costUSD() : figures.costUSD();
    // A run cut short may report fewer tokens than its responses streamed: the larger count.
    long input =
        Math.max(
            agent != null && agent.inputTokens() != null ? agent.inputTokens() : 0,
            figures.inputTokens());
    long output =
        Math.max(
            agent != null && agent.outputTokens() != null ? agent.outputTokens() : 0,
            figures.outputTokens());
    long millis =
        agent != null && agent.durationMillis() != null
            ? agent.durationMillis()
            : elapsed.toMillis();
    List<String> spent = new ArrayList<>();
    spent.add(LimitWatcher.dollars(cost) + " spent");
    spent.add(turns + (turns == 1 ? " turn" : " turns"));
    spent.add(String.format(Locale.ROOT, "%,d output tokens", output));
    spent.add(Durations.human(Duration.ofMillis(millis)));
    String message =
        "stopped at the limit %s%s (%s); %s"
            .formatted(
                hit.limit(),
                hit.bound().isEmpty() ? "" : " " + hit.bound(),
                String.join(", ", spent),
                saved.detail());
    return new RunResult(
        RunResult.Outcome.FAILED,
        RunResult.LIMIT_REACHED,
        message,
        turns,
        cost,
        input,
        output,
        millis,
        agent != null && agent.model() != null ? agent.model() : model,
        saved.branch().orElse(null),
        saved.commit().orElse(null),
        agent == null ? null : agent.pullRequestURL(),
        hit.limit(),
        saved.pushed() ? saved.branch().orElse(null) : null);
  }
}

package io.axon.agent.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.agent.AgentEvent;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitWatcherTest {

  private static final String SONNET = "claude-sonnet-4-20250514";

  private static RunLimits limits(
      Integer turns, Double cost, Duration duration, Long tokens, Duration deadline) {
    return new RunLimits(
        Optional.ofNullable(turns),
        Optional.ofNullable(cost),
        Optional.ofNullable(duration),
        Optional.ofNullable(tokens),
        Optional.ofNullable(deadline));
  }

  private static Optional<LimitWatcher.Hit> feed(
      UsageMeter meter, LimitWatcher watcher, AgentEvent event) {
    meter.add(event);
    return watcher.check(event);
  }

  @Test
  void turnsAreCheckedWhenTheNextTurnStarts() {
    UsageMeter meter = new UsageMeter();
    LimitWatcher watcher = new LimitWatcher(limits(2, null, null, null, null), meter);
    assertThat(feed(meter, watcher, new AgentEvent.TurnStarted(1))).isEmpty();
    assertThat(feed(meter, watcher, new AgentEvent.TurnStarted(2))).isEmpty();
    assertThat(feed(meter, watcher, new AgentEvent.TurnStarted(3)))
        .contains(new LimitWatcher.Hit("maxTurns", "2"));
    assertThat(feed(meter, watcher, new AgentEvent.TurnStarted(4))).as("said once").isEmpty();
  }

  @Test
  void costIsPricedFromTheRateTableAndCheckedBetweenTurns() {
    UsageMeter meter = new UsageMeter();
    LimitWatcher watcher = new LimitWatcher(limits(null, 0.05, null, null, null), meter);
    feed(meter, watcher, new AgentEvent.TurnStarted(1));
    // Sonnet 4: $3.75 per million cache writes: 14236 of them are $0.053385.
    assertThat(feed(meter, watcher, new AgentEvent.Usage("m1", SONNET, 6, 14236, 0, 40)))
        .as("not in the middle of a turn")
        .isEmpty();
    assertThat(meter.figures().costUSD())
        .isCloseTo(0.054003, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(feed(meter, watcher, new AgentEvent.TurnStarted(2)))
        .contains(new LimitWatcher.Hit("maxCostUSD", "$0.05"));
  }

  @Test
  void outputTokensAreCheckedAsTheResponseStreamsAndARepeatedResponseCountsOnce() {
    UsageMeter meter = new UsageMeter();
    LimitWatcher watcher = new LimitWatcher(limits(null, null, null, 100L, null), meter);
    feed(meter, watcher, new AgentEvent.TurnStarted(1));
    assertThat(feed(meter, watcher, new AgentEvent.Usage("m1", SONNET, 1, 0, 0, 60))).isEmpty();
    assertThat(feed(meter, watcher, new AgentEvent.Usage("m1", SONNET, 1, 0, 0, 90))).isEmpty();
    assertThat(meter.figures().outputTokens()).isEqualTo(90);
    assertThat(feed(meter, watcher, new AgentEvent.Usage("m2", SONNET, 1, 0, 0, 10)))
        .contains(new LimitWatcher.Hit("maxOutputTokens", "100"));
  }

  @Test
  void theClockStopsAtTheEarlierOfMaxDurationAndTheDeadlineLessItsMargin() {
    assertThat(limits(null, null, Duration.ofMinutes(30), null, Duration.ofHours(1)).clock())
        .contains(new RunLimits.Clock("maxDuration", Duration.ofMinutes(30)));
    assertThat(limits(null, null, Duration.ofMinutes(30), null, Duration.ofMinutes(31)).clock())
        .contains(new RunLimits.Clock("activeDeadlineSeconds", Duration.ofSeconds(31 * 60 - 120)));
    assertThat(limits(null, null, null, null, Duration.ofSeconds(100)).clock())
        .contains(new RunLimits.Clock("activeDeadlineSeconds", Duration.ofSeconds(80)));
    assertThat(limits(null, null, null, null, Duration.ofSeconds(20)).clock())
        .as("a short deadline keeps half of it for the agent")
        .contains(new RunLimits.Clock("activeDeadlineSeconds", Duration.ofSeconds(10)));
    assertThat(RunLimits.none().clock()).isEmpty();
    UsageMeter meter = new UsageMeter();
    LimitWatcher watcher = new LimitWatcher(RunLimits.none(), meter);
    assertThat(watcher.timeUp(new RunLimits.Clock("maxDuration", Duration.ofSeconds(90))))
        .contains(new LimitWatcher.Hit("maxDuration", "1m30s"));
  }

  @Test
  void theAgentCliStoppingAtItsOwnLimitIsRecognisedFromItsReason() {
    LimitWatcher watcher = new LimitWatcher(limits(3, 1.5, null, null, null), new UsageMeter());
    assertThat(watcher.reportedByAgent("completed")).isEmpty();
    assertThat(watcher.reportedByAgent("error_max_budget_usd"))
        .contains(new LimitWatcher.Hit("maxCostUSD", "$1.50"));
    assertThat(watcher.reportedByAgent("error_max_turns"))
        .as("the first limit reached stays the one reported")
        .contains(new LimitWatcher.Hit("maxCostUSD", "$1.50"));
  }

  @Test
  void anUnknownModelIsPricedAtTheDearestRates() {
    assertThat(ModelRates.of("some-new-model")).isEqualTo(ModelRates.UNKNOWN);
    assertThat(ModelRates.of("claude-sonnet-4-5-20250929").output()).isEqualTo(15);
    assertThat(ModelRates.of("claude-opus-4-1-20250805").output()).isEqualTo(75);
    assertThat(ModelRates.of("claude-opus-4-5").output()).isEqualTo(25);
  }
}

package io.axon.source.cron;

import io.axon.spi.source.Overlap;
import io.axon.spi.source.PollStats;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The ticks of one schedule. A poll answers with the latest tick that is due (none before the
 * spawner was created), so the spawner's usual de-duplication by Task name (and {@code
 * status.expiredItems} once a Task expired) makes one Task per tick however often it polls, and a
 * restarted controller runs a missed tick at most once. Item ids are the tick in UTC, {@code
 * yyyyMMdd-HHmm}: unique even across a daylight-saving change. Asks to be polled at the next tick.
 */
final class CronSource implements WorkSource {
  /** Under {@code missedTicks: skip}, a tick polled later than this after its time is missed. */
  static final Duration ON_TIME = Duration.ofMinutes(1);

  private static final DateTimeFormatter ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

  private final CronExpression schedule;
  private final ZoneId zone;
  private final boolean skipMissed;
  private final Overlap overlap;
  private final Instant since;
  private final Clock clock;
  private volatile Instant next;

  CronSource(
      CronExpression schedule,
      ZoneId zone,
      boolean skipMissed,
      Overlap overlap,
      Instant since,
      Clock clock) {
    this.schedule = schedule;
    this.zone = zone;
    this.skipMissed = skipMissed;
    this.overlap = overlap;
    this.since = since;
    this.clock = clock;
  }

  @Override
  public CompletionStage<List<WorkItem>> poll() {
    Instant now = clock.instant();
    next = schedule.next(now, zone).orElse(null);
    Optional<Instant> latest =
        schedule
            .previous(now, zone)
            .filter(tick -> since == null || !tick.isBefore(since))
            .filter(tick -> !skipMissed || !now.isAfter(tick.plus(ON_TIME)));
    return CompletableFuture.completedFuture(
        latest.map(this::item).map(List::of).orElse(List.of()));
  }

  private WorkItem item(Instant tick) {
    String local = tick.atZone(zone).toOffsetDateTime().toString();
    return new WorkItem(
        ID.format(tick),
        tick.getEpochSecond(),
        "Scheduled run at " + local,
        "",
        "",
        List.of(),
        Map.of("Time", local, "Schedule", schedule.toString(), "TimeZone", zone.getId()));
  }

  @Override
  public PollStats lastPollStats() {
    return PollStats.NONE;
  }

  @Override
  public Overlap overlap() {
    return overlap;
  }

  @Override
  public Optional<Instant> nextPollAt() {
    return Optional.ofNullable(next);
  }
}

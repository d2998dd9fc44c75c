package io.axon.source.cron;

import io.axon.spi.source.Overlap;
import io.axon.spi.source.WorkSource;
import io.axon.spi.source.WorkSourceConfig;
import io.axon.spi.source.WorkSourceException;
import io.axon.spi.source.WorkSourceException.Reason;
import io.axon.spi.source.WorkSourceProvider;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code spec.when.cron}: one item per tick of a schedule, so one Task per tick.
 *
 * <p>Settings: {@code schedule} (5 fields, see {@link CronExpression}), {@code timeZone} (IANA,
 * default UTC), {@code missedTicks} ({@code runLatest}, default: the latest tick that passed while
 * the controller was away gets its Task; {@code skip}: only a tick polled within {@link
 * CronSource#ON_TIME} of its time does), {@code concurrencyPolicy} ({@code skip}, default: a tick
 * while an earlier Task runs gets none; {@code queue}: it waits for that Task, a later tick taking
 * its place; {@code run}: it runs at once) and an optional {@code workspaceRef} the Tasks clone.
 * Items offer {@code {{.Time}}} (the tick in the zone, RFC 3339), {@code {{.Schedule}}} and {@code
 * {{.TimeZone}}}.
 */
public final class CronSourceProvider implements WorkSourceProvider {
  public static final String KIND = "cron";

  private static final Map<String, Overlap> POLICIES =
      Map.of("skip", Overlap.SKIP, "queue", Overlap.QUEUE, "run", Overlap.RUN);

  private final Clock clock;

  public CronSourceProvider() {
    this(Clock.systemUTC());
  }

  public CronSourceProvider(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Set<String> extraFields() {
    return Set.of("Time", "Schedule", "TimeZone");
  }

  @Override
  public boolean needsWorkspace() {
    return false;
  }

  @Override
  public WorkSource open(WorkSourceConfig config) {
    CronExpression schedule;
    try {
      schedule = CronExpression.parse(config.string("schedule").orElse(null));
    } catch (IllegalArgumentException e) {
      throw new WorkSourceException(Reason.INVALID_CONFIG, "schedule: " + e.getMessage());
    }
    String zoneName = config.string("timeZone").map(String::strip).orElse("UTC");
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      throw new WorkSourceException(
          Reason.INVALID_CONFIG,
          "timeZone '%s' is not a time zone: use an IANA name such as Europe/Berlin or"
                  .formatted(zoneName)
              + " America/New_York (default UTC)");
    }
    String missed = config.string("missedTicks").map(String::strip).orElse("runLatest");
    if (!missed.equals("runLatest") && !missed.equals("skip")) {
      throw new WorkSourceException(
          Reason.INVALID_CONFIG,
          "missedTicks is '%s': use runLatest (default) or skip".formatted(missed));
    }
    String policy =
        config
            .string("concurrencyPolicy")
            .map(s -> s.strip().toLowerCase(Locale.ROOT))
            .orElse("skip");
    Overlap overlap = POLICIES.get(policy);
    if (overlap == null) {
      throw new WorkSourceException(
          Reason.INVALID_CONFIG,
          "concurrencyPolicy is '%s': use skip (default), queue or run".formatted(policy));
    }
    return new CronSource(
        schedule, zone, missed.equals("skip"), overlap, config.spawnerCreated(), clock);
  }
}

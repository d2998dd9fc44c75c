package io.axon.source.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.spi.source.HostServices;
import io.axon.spi.source.Overlap;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSource;
import io.axon.spi.source.WorkSourceConfig;
import io.axon.spi.source.WorkSourceException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronSourceTest {
  Instant now = Instant.parse("2026-03-09T07:00:20Z");
  final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  WorkSource open(Map<String, Object> settings, Instant created) {
    return new CronSourceProvider(clock)
        .open(new WorkSourceConfig(settings, null, Optional.empty(), HostServices.none(), created));
  }

  List<WorkItem> poll(WorkSource source) {
    return source.poll().toCompletableFuture().join();
  }

  @Test
  void aPollAnswersTheLatestDueTickAndAsksForTheNext() {
    WorkSource source =
        open(
            Map.of("schedule", "0 8 * * 1-5", "timeZone", "Europe/Berlin"),
            Instant.parse("2026-03-01T00:00:00Z"));
    List<WorkItem> items = poll(source);
    assertThat(items).hasSize(1);
    WorkItem tick = items.get(0);
    assertThat(tick.id()).isEqualTo("20260309-0700");
    assertThat(tick.number()).isEqualTo(Instant.parse("2026-03-09T07:00:00Z").getEpochSecond());
    assertThat(tick.extra())
        .containsEntry("Time", "2026-03-09T08:00+01:00")
        .containsEntry("Schedule", "0 8 * * 1-5")
        .containsEntry("TimeZone", "Europe/Berlin");
    assertThat(tick.title()).isEqualTo("Scheduled run at 2026-03-09T08:00+01:00");
    assertThat(source.nextPollAt()).contains(Instant.parse("2026-03-10T07:00:00Z"));
    assertThat(poll(source)).as("the same tick until the next").containsExactly(tick);
    assertThat(source.overlap()).as("default concurrencyPolicy").isEqualTo(Overlap.SKIP);
  }

  @Test
  void noTickBeforeTheSpawnerWasCreated() {
    WorkSource source =
        open(Map.of("schedule", "0 8 * * *"), Instant.parse("2026-03-09T08:30:00Z"));
    now = Instant.parse("2026-03-09T09:00:00Z");
    assertThat(poll(source)).isEmpty();
    now = Instant.parse("2026-03-10T08:00:01Z");
    assertThat(poll(source)).extracting(WorkItem::id).containsExactly("20260310-0800");
  }

  @Test
  void missedTicksRunTheLatestOnceOrAreSkipped() {
    Instant created = Instant.parse("2026-03-01T00:00:00Z");
    now = Instant.parse("2026-03-09T13:30:00Z"); // the controller was away since 09:00
    assertThat(poll(open(Map.of("schedule", "0 * * * *"), created)))
        .extracting(WorkItem::id)
        .containsExactly("20260309-1300");
    assertThat(poll(open(Map.of("schedule", "0 * * * *", "missedTicks", "skip"), created)))
        .isEmpty();
    now = Instant.parse("2026-03-09T13:00:59Z");
    assertThat(poll(open(Map.of("schedule", "0 * * * *", "missedTicks", "skip"), created)))
        .as("on time")
        .extracting(WorkItem::id)
        .containsExactly("20260309-1300");
  }

  @Test
  void policiesMapToOverlap() {
    Instant created = Instant.parse("2026-03-01T00:00:00Z");
    assertThat(open(Map.of("schedule", "@daily", "concurrencyPolicy", "queue"), created).overlap())
        .isEqualTo(Overlap.QUEUE);
    assertThat(open(Map.of("schedule", "@daily", "concurrencyPolicy", "run"), created).overlap())
        .isEqualTo(Overlap.RUN);
  }

  @Test
  void badSettingsAreRefusedWithTheReason() {
    Map<String, Object> settings = new HashMap<>(Map.of("schedule", "0 8 * *"));
    assertThatThrownBy(() -> open(settings, null))
        .isInstanceOf(WorkSourceException.class)
        .hasMessageContaining("schedule: '0 8 * *' has 4 fields");
    assertThatThrownBy(() -> open(Map.of("schedule", "@daily", "timeZone", "Mars/Olympus"), null))
        .hasMessageContaining("timeZone 'Mars/Olympus' is not a time zone");
    assertThatThrownBy(() -> open(Map.of("schedule", "@daily", "missedTicks", "all"), null))
        .hasMessageContaining("missedTicks is 'all'");
    assertThatThrownBy(() -> open(Map.of("schedule", "@daily", "concurrencyPolicy", "x"), null))
        .hasMessageContaining("concurrencyPolicy is 'x'");
    assertThatThrownBy(() -> open(Map.of(), null)).hasMessageContaining("schedule is empty");
  }
}

package io.axon.source.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
  static final ZoneId UTC = ZoneId.of("UTC");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Instant at(String text) {
    return Instant.parse(text);
  }

  static List<String> ticks(String expression, String from, ZoneId zone, int count) {
    CronExpression cron = CronExpression.parse(expression);
    List<String> ticks = new ArrayList<>();
    Instant t = at(from);
    for (int i = 0; i < count; i++) {
      t = cron.next(t, zone).orElseThrow();
      ticks.add(t.toString());
    }
    return ticks;
  }

  @Test
  void everyMinuteAndStepsAndLists() {
    assertThat(ticks("* * * * *", "2026-03-01T10:00:30Z", UTC, 2))
        .containsExactly("2026-03-01T10:01:00Z", "2026-03-01T10:02:00Z");
    assertThat(ticks("*/15 * * * *", "2026-03-01T10:07:00Z", UTC, 3))
        .containsExactly("2026-03-01T10:15:00Z", "2026-03-01T10:30:00Z", "2026-03-01T10:45:00Z");
    assertThat(ticks("5,10-12 9 * * *", "2026-03-01T09:06:00Z", UTC, 4))
        .containsExactly(
            "2026-03-01T09:10:00Z",
            "2026-03-01T09:11:00Z",
            "2026-03-01T09:12:00Z",
            "2026-03-02T09:05:00Z");
    assertThat(ticks("10-50/20 * * * *", "2026-03-01T10:00:00Z", UTC, 3))
        .containsExactly("2026-03-01T10:10:00Z", "2026-03-01T10:30:00Z", "2026-03-01T10:50:00Z");
    assertThat(ticks("50/5 0 * * *", "2026-03-01T00:00:00Z", UTC, 3))
        .as("a/n runs from a to the end of the field")
        .containsExactly("2026-03-01T00:50:00Z", "2026-03-01T00:55:00Z", "2026-03-02T00:50:00Z");
  }

  @Test
  void weekdaysNamesAndSundayAsSeven() {
    // 2026-03-06 is a Friday.
    assertThat(ticks("0 7 * * 1-5", "2026-03-06T08:00:00Z", UTC, 2))
        .containsExactly("2026-03-09T07:00:00Z", "2026-03-10T07:00:00Z");
    assertThat(ticks("0 7 * * MON-fri", "2026-03-06T08:00:00Z", UTC, 1))
        .containsExactly("2026-03-09T07:00:00Z");
    assertThat(ticks("0 0 * * 7", "2026-03-06T00:00:00Z", UTC, 1))
        .containsExactly("2026-03-08T00:00:00Z");
    assertThat(ticks("0 0 * * 0", "2026-03-06T00:00:00Z", UTC, 1))
        .containsExactly("2026-03-08T00:00:00Z");
    assertThat(ticks("0 0 1 jan,jul *", "2026-03-06T00:00:00Z", UTC, 2))
        .containsExactly("2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z");
  }

  @Test
  void restrictedDayOfMonthAndDayOfWeekMatchEither() {
    // The 13th, or any Friday (crontab(5)): 2026-03-06 and -13 are Fridays, -20 too.
    assertThat(ticks("0 0 13 * 5", "2026-03-07T00:00:00Z", UTC, 3))
        .containsExactly("2026-03-13T00:00:00Z", "2026-03-20T00:00:00Z", "2026-03-27T00:00:00Z");
    // With * in one day field, both must match: Fridays only.
    assertThat(ticks("0 0 * * 5", "2026-03-07T00:00:00Z", UTC, 1))
        .containsExactly("2026-03-13T00:00:00Z");
  }

  @Test
  void macrosAndLeapDays() {
    assertThat(ticks("@daily", "2026-03-01T10:00:00Z", UTC, 1))
        .containsExactly("2026-03-02T00:00:00Z");
    assertThat(ticks("@hourly", "2026-03-01T10:00:00Z", UTC, 1))
        .containsExactly("2026-03-01T11:00:00Z");
    assertThat(ticks("@weekly", "2026-03-01T10:00:00Z", UTC, 1))
        .containsExactly("2026-03-08T00:00:00Z");
    assertThat(ticks("@monthly", "2026-03-01T10:00:00Z", UTC, 1))
        .containsExactly("2026-04-01T00:00:00Z");
    assertThat(ticks("@yearly", "2026-03-01T10:00:00Z", UTC, 1))
        .containsExactly("2027-01-01T00:00:00Z");
    assertThat(ticks("0 0 29 2 *", "2026-03-01T00:00:00Z", UTC, 1))
        .containsExactly("2028-02-29T00:00:00Z");
    assertThat(ticks("0 0 31 * *", "2026-03-31T00:00:00Z", UTC, 2))
        .as("months without a 31st are passed over")
        .containsExactly("2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z");
  }

  @Test
  void timeZonesAndDaylightSaving() {
    // 07:00 in Berlin is 06:00 UTC in winter, 05:00 UTC in summer (from 2026-03-29).
    assertThat(ticks("0 7 * * *", "2026-03-27T12:00:00Z", BERLIN, 3))
        .containsExactly("2026-03-28T06:00:00Z", "2026-03-29T05:00:00Z", "2026-03-30T05:00:00Z");
    // 02:30 does not exist on 2026-03-29 in Berlin: it fires right after the gap, at 03:30 CEST.
    assertThat(ticks("30 2 * * *", "2026-03-28T12:00:00Z", BERLIN, 2))
        .containsExactly("2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z");
    // 02:30 happens twice on 2026-10-25: once.
    assertThat(ticks("30 2 * * *", "2026-10-24T12:00:00Z", BERLIN, 2))
        .containsExactly("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z");
  }

  @Test
  void previousFindsTheLatestTickAtOrBefore() {
    CronExpression cron = CronExpression.parse("0 7 * * 1-5");
    assertThat(cron.previous(at("2026-03-09T07:00:00Z"), UTC)).contains(at("2026-03-09T07:00:00Z"));
    assertThat(cron.previous(at("2026-03-09T06:59:59Z"), UTC)).contains(at("2026-03-06T07:00:00Z"));
    assertThat(CronExpression.parse("0 0 29 2 *").previous(at("2026-03-01T00:00:00Z"), UTC))
        .contains(at("2024-02-29T00:00:00Z"));
    assertThat(CronExpression.parse("0 7 * * *").previous(at("2026-03-29T05:30:00Z"), BERLIN))
        .contains(at("2026-03-29T05:00:00Z"));
  }

  @Test
  void badExpressionsSayWhatIsWrong() {
    assertThatThrownBy(() -> CronExpression.parse("* * * *")).hasMessageContaining("has 4 fields");
    assertThatThrownBy(() -> CronExpression.parse("0 0 * * * *"))
        .hasMessageContaining("has 6 fields")
        .hasMessageContaining("no seconds");
    assertThatThrownBy(() -> CronExpression.parse("60 * * * *"))
        .hasMessageContaining("minute field has '60'")
        .hasMessageContaining("from 0 to 59");
    assertThatThrownBy(() -> CronExpression.parse("* 24 * * *")).hasMessageContaining("hour");
    assertThatThrownBy(() -> CronExpression.parse("* * 0 * *"))
        .hasMessageContaining("day of month");
    assertThatThrownBy(() -> CronExpression.parse("* * * foo *")).hasMessageContaining("jan..dec");
    assertThatThrownBy(() -> CronExpression.parse("* * * * 8")).hasMessageContaining("sun..sat");
    assertThatThrownBy(() -> CronExpression.parse("5-1 * * * *"))
        .hasMessageContaining("low to high");
    assertThatThrownBy(() -> CronExpression.parse("*/0 * * * *")).hasMessageContaining("'0'");
    assertThatThrownBy(() -> CronExpression.parse("1,,2 * * * *"))
        .hasMessageContaining("empty list entry");
    assertThatThrownBy(() -> CronExpression.parse("0 0 30 2 *")).hasMessageContaining("never");
    assertThatThrownBy(() -> CronExpression.parse("@often")).hasMessageContaining("macro");
    assertThatThrownBy(() -> CronExpression.parse(" ")).hasMessageContaining("empty");
  }
}

package io.axon.source.cron;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A 5-field cron expression as crontab(5) reads it: minute, hour, day of month, month, day of week.
 * Each field is {@code *}, a number, a range {@code a-b}, a step {@code *}{@code /n}, {@code a-b/n}
 * or {@code a/n}, or a comma list of those; months and days of the week also by their three-letter
 * English names ({@code jan}, {@code mon}), day of week 0 and 7 both Sunday. The macros
 * {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily},
 * {@code @midnight} and {@code @hourly} stand for their usual expressions. As in cron, when both
 * day fields are restricted a day matches either; otherwise both.
 *
 * <p>Times are local to a time zone: a local time that a daylight-saving change skips fires at the
 * first instant after the gap, and one that happens twice fires once, at its first occurrence.
 */
public final class CronExpression {
  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  /** How far {@link #next} and {@link #previous} look: every day-of-month fits within 8 years. */
  private static final int SEARCH_YEARS = 8;

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronExpression(String text, String[] fields) {
    this.text = text;
    this.minutes = field("minute", fields[0], 0, 59, List.of());
    this.hours = field("hour", fields[1], 0, 23, List.of());
    this.daysOfMonth = field("day of month", fields[2], 1, 31, List.of());
    this.months = field("month", fields[3], 1, 12, MONTHS);
    BitSet dow = field("day of week", fields[4], 0, 7, DAYS);
    if (dow.get(7)) {
      dow.set(0);
      dow.clear(7);
    }
    this.daysOfWeek = dow;
    this.anyDayOfMonth = fields[2].startsWith("*");
    this.anyDayOfWeek = fields[4].startsWith("*");
  }

  /**
   * Reads an expression.
   *
   * @throws IllegalArgumentException saying which field is wrong and how, or that it never fires
   */
  public static CronExpression parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException(
          "the schedule is empty: give 5 fields, minute hour day-of-month month day-of-week,"
              + " such as '0 7 * * 1-5'");
    }
    String text = expression.strip();
    String expanded = MACROS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
    if (expanded.startsWith("@")) {
      throw new IllegalArgumentException(
          "unknown macro '%s': use @yearly, @monthly, @weekly, @daily or @hourly".formatted(text));
    }
    String[] fields = expanded.split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          ("'%s' has %d fields: give 5, minute hour day-of-month month day-of-week, such as"
                  + " '0 7 * * 1-5' (no seconds, no year)")
              .formatted(text, fields.length));
    }
    CronExpression cron = new CronExpression(text, fields);
    if (cron.next(Instant.EPOCH, ZoneId.of("UTC")).isEmpty()) {
      throw new IllegalArgumentException("'%s' never fires: no month has that day".formatted(text));
    }
    return cron;
  }

  /** The first tick strictly after {@code after}, in this zone. */
  public Optional<Instant> next(Instant after, ZoneId zone) {
    LocalDateTime start = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES);
    LocalDateTime t = start;
    LocalDateTime end = start.plusYears(SEARCH_YEARS);
    while (t.isBefore(end)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).toLocalDate().atStartOfDay().plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        Instant at = ZonedDateTime.of(t, zone).toInstant();
        if (at.isAfter(after)) {
          return Optional.of(at);
        }
        t = t.plusMinutes(1);
      }
    }
    return Optional.empty();
  }

  /** The latest tick at or before {@code atOrBefore}, in this zone. */
  public Optional<Instant> previous(Instant atOrBefore, ZoneId zone) {
    LocalDateTime start = LocalDateTime.ofInstant(atOrBefore, zone).truncatedTo(ChronoUnit.MINUTES);
    LocalDateTime t = start;
    LocalDateTime end = start.minusYears(SEARCH_YEARS);
    while (t.isAfter(end)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).toLocalDate().atStartOfDay().minusMinutes(1);
      } else if (!dayMatches(t)) {
        t = t.toLocalDate().atStartOfDay().minusMinutes(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).minusMinutes(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.minusMinutes(1);
      } else {
        Instant at = ZonedDateTime.of(t, zone).toInstant();
        if (!at.isAfter(atOrBefore)) {
          return Optional.of(at);
        }
        t = t.minusMinutes(1);
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
    if (anyDayOfMonth || anyDayOfWeek) {
      return dom && dow;
    }
    return dom || dow;
  }

  @Override
  public String toString() {
    return text;
  }

  private static BitSet field(String name, String text, int min, int max, List<String> names) {
    BitSet set = new BitSet(max + 1);
    for (String part : text.split(",", -1)) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException(
            "the %s field '%s' has an empty list entry".formatted(name, text));
      }
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(name, part.substring(slash + 1), 1, max - min + 1, List.of(), part);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max == 7 ? 6 : max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", -1);
        if (ends.length != 2) {
          throw new IllegalArgumentException(
              "the %s field has '%s': a range is a-b".formatted(name, part));
        }
        from = number(name, ends[0], min, max, names, part);
        to = number(name, ends[1], min, max, names, part);
        if (from > to) {
          throw new IllegalArgumentException(
              "the %s field has '%s': a range goes from low to high".formatted(name, part));
        }
      } else {
        from = number(name, range, min, max, names, part);
        to = slash >= 0 ? (max == 7 ? 6 : max) : from;
      }
      for (int v = from; v <= to; v += step) {
        set.set(v);
      }
    }
    return set;
  }

  private static int number(
      String name, String text, int min, int max, List<String> names, String part) {
    String lower = text.toLowerCase(Locale.ROOT);
    int named = names.indexOf(lower);
    if (named >= 0) {
      return names == MONTHS ? named + 1 : named;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(
        "the %s field has '%s': '%s' is not %s"
            .formatted(name, part, text, allowed(name, min, max, names)));
  }

  private static String allowed(String name, int min, int max, List<String> names) {
    String range = "a number from %d to %d".formatted(min, max);
    if (names == MONTHS) {
      return range + " or jan..dec";
    }
    if (names == DAYS) {
      return range + " or sun..sat (0 and 7 are Sunday)";
    }
    return range;
  }
}

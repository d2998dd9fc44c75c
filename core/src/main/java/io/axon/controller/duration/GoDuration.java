package io.axon.controller.duration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go writes them and as {@code spec.pollInterval} takes them: a sequence of decimal
 * numbers with units {@code h}, {@code m}, {@code s} or {@code ms}, such as {@code 30s}, {@code
 * 5m}, {@code 1h30m}, {@code 1.5h} or {@code 500ms}.
 */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|h|m|s)");

  private GoDuration() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException when the text is not a duration of those units
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration: write one such as 30s, 5m or 1h30m");
    }
    Matcher part = PART.matcher(text.strip());
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (part.find() && part.start() == at) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(nanosPer(part.group(2))));
      at = part.end();
    }
    if (at == 0 || at != text.strip().length()) {
      throw new IllegalArgumentException(
          "'%s' is not a duration: write one such as 30s, 5m, 1h30m or 500ms (units h, m, s, ms)"
              .formatted(text));
    }
    try {
      return Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'%s' is too long a duration".formatted(text));
    }
  }

  private static BigDecimal nanosPer(String unit) {
    return BigDecimal.valueOf(
        switch (unit) {
          case "h" -> 3_600_000_000_000L;
          case "m" -> 60_000_000_000L;
          case "s" -> 1_000_000_000L;
          default -> 1_000_000L; // ms
        });
  }
}

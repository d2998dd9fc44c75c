package io.axon.controller.runtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter, capped: attempt {@code n} (from 1) waits a random time between
 * half and all of {@code min(first * 2^(n-1), max)}, so replicas and keys that failed together do
 * not retry together, and no wait is shorter than half the previous bound.
 *
 * @param first the bound of the first retry
 * @param max the cap on every bound
 */
public record Backoff(Duration first, Duration max, DoubleSupplier random) {
  public Backoff {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException(
          "Backoff needs 0 < first <= max, got first " + first + ", max " + max);
    }
  }

  public Backoff(Duration first, Duration max) {
    this(first, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** How long to wait before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    long bound = bound(attempt).toMillis();
    long half = bound / 2;
    return Duration.ofMillis(half + Math.round((bound - half) * random.getAsDouble()));
  }

  /** The upper bound of retry number {@code attempt}: doubling from {@code first}, capped. */
  public Duration bound(int attempt) {
    int doublings = Math.max(0, Math.min(attempt - 1, 30));
    long millis = first.toMillis() << doublings;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}

package io.axon.source.github;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What GitHub last said about the token's rate limits. The primary limit comes with every answer
 * ({@code x-ratelimit-remaining}, {@code x-ratelimit-reset}); a secondary limit only with the 403
 * or 429 that enforces it ({@code retry-after}).
 */
final class RateLimits {

  /**
   * GitHub's advice when a 429 or 403 says neither when to come back nor that the window is out.
   */
  static final long DEFAULT_BACKOFF_SECONDS = 60;

  private OptionalLong remaining = OptionalLong.empty();
  private Instant reset;
  private Instant secondaryUntil;

  void observe(int status, MultiMap headers, Instant now) {
    parseLong(headers.get("x-ratelimit-remaining")).ifPresent(r -> remaining = OptionalLong.of(r));
    parseLong(headers.get("x-ratelimit-reset")).ifPresent(s -> reset = Instant.ofEpochSecond(s));
    if (status == 403 || status == 429) {
      parseLong(headers.get("retry-after"))
          .ifPresent(s -> secondaryUntil = now.plusSeconds(Math.max(0, s)));
    }
  }

  /** Remembers a secondary limit that came without {@code retry-after}. */
  void backOffUntil(Instant until) {
    secondaryUntil = until;
  }

  OptionalLong remaining() {
    return remaining;
  }

  Instant reset() {
    return reset;
  }

  Optional<Instant> secondaryUntil() {
    return Optional.ofNullable(secondaryUntil);
  }

  /** Whether the primary window is used up and has not reset yet. */
  boolean primaryExhausted(Instant now) {
    return remaining.isPresent()
        && remaining.getAsLong() <= 0
        && reset != null
        && reset.isAfter(now);
  }

  /** Whether a secondary limit still asks us to wait. */
  boolean secondaryActive(Instant now) {
    return secondaryUntil != null && secondaryUntil.isAfter(now);
  }

  private static Optional<Long> parseLong(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

package io.axon.spi.source;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * What the last poll cost.
 *
 * @param requests requests sent to the source
 * @param notModified requests answered "not modified" (free against most rate limits)
 * @param rateLimitRemaining requests left in the source's rate-limit window, when it says
 * @param rateLimitReset when that window resets, or null when unknown
 */
public record PollStats(
    int requests, int notModified, OptionalLong rateLimitRemaining, Instant rateLimitReset) {

  /** No poll yet. */
  public static final PollStats NONE = new PollStats(0, 0, OptionalLong.empty(), null);
}

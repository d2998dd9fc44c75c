package io.axon.controller.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * Milliseconds since this process started, for the start-up milestones the log gives (settings
 * read, caches synced, leader): what a slow pod start is made of, without a profiler.
 */
public final class ProcessUptime {
  private static final Instant STARTED =
      ProcessHandle.current().info().startInstant().orElseGet(Instant::now);

  private ProcessUptime() {}

  public static long millis() {
    return Duration.between(STARTED, Instant.now()).toMillis();
  }
}

package io.axon.controller.runtime;

import java.lang.management.ManagementFactory;

/**
 * Milliseconds since this JVM started, for the start-up milestones the log gives (settings read,
 * caches synced, leader): what a slow pod start is made of, without a profiler. The JVM's own
 * uptime, not {@code ProcessHandle}'s start instant: on Linux that counts from the boot time in
 * whole seconds, so it reads up to a second high.
 */
public final class ProcessUptime {

  private ProcessUptime() {}

  public static long millis() {
    return ManagementFactory.getRuntimeMXBean().getUptime();
  }
}

package io.axon.controller.runtime;

import java.time.Duration;

/**
 * Leader election on a Lease, as the controller's settings give it.
 *
 * @param enabled false for a single replica (and tests)
 */
public record LeaderElectionSettings(
    boolean enabled,
    String leaseName,
    String leaseNamespace,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod) {

  /** The elector jitters its retries by up to this factor (fabric8 and client-go alike). */
  static final double RETRY_JITTER = 1.2;

  /**
   * Refuses timings that cannot work, as client-go does: a leader must renew before its lease runs
   * out, and retry more than once before it gives up.
   *
   * @throws IllegalArgumentException naming the setting and why
   */
  public LeaderElectionSettings {
    if (enabled) {
      positive("leaderElection.leaseDurationSeconds", leaseDuration);
      positive("leaderElection.renewDeadlineSeconds", renewDeadline);
      positive("leaderElection.retryPeriodSeconds", retryPeriod);
      if (leaseDuration.compareTo(renewDeadline) <= 0) {
        throw new IllegalArgumentException(
            "leaderElection.leaseDurationSeconds ("
                + leaseDuration.toSeconds()
                + ") must be greater than leaderElection.renewDeadlineSeconds ("
                + renewDeadline.toSeconds()
                + "): a leader must renew before the others may take its lease");
      }
      if (renewDeadline.toMillis() <= RETRY_JITTER * retryPeriod.toMillis()) {
        throw new IllegalArgumentException(
            "leaderElection.renewDeadlineSeconds ("
                + renewDeadline.toSeconds()
                + ") must be greater than "
                + RETRY_JITTER
                + " x leaderElection.retryPeriodSeconds ("
                + retryPeriod.toSeconds()
                + "): a leader must be able to retry a failed renewal before its deadline");
      }
    }
  }

  private static void positive(String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be greater than 0, got " + value.toSeconds());
    }
  }
}

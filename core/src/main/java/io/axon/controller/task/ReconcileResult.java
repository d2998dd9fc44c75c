package io.axon.controller.task;

import java.time.Duration;
import java.util.Optional;

/**
 * What a reconcile asks of the queue next.
 *
 * @param requeueAfter reconcile the key again after this long, even if nothing changes
 */
public record ReconcileResult(Optional<Duration> requeueAfter) {
  public static final ReconcileResult DONE = new ReconcileResult(Optional.empty());

  public static ReconcileResult requeueAfter(Duration delay) {
    return new ReconcileResult(Optional.of(delay));
  }
}

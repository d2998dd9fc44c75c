package io.axon.controller.task;

import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.status.TaskConditions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Why the API server refused a Job's pod (a LimitRange, a ResourceQuota, an admission webhook).
 * Kubernetes says so only in the Job's {@code FailedCreate} Events, so this reads them from their
 * informer ({@link ResourceCache#failedCreates}), whose events wake the Job's Task, for a Job that
 * has had time to make its pod and has none.
 */
public final class PodCreationFailures {

  /** The Task condition reason, and the Warning Event's. */
  public static final String REASON = TaskConditions.REASON_POD_CREATE_FAILED;

  /** How long a new Job may go without a pod before a refusal is reported. */
  static final Duration GRACE = Duration.ofSeconds(5);

  private PodCreationFailures() {}

  /**
   * How long until the Job is old enough for a missing pod to mean something (at least a second,
   * the clock's skew to the server's); empty once it is.
   */
  static Optional<Duration> graceLeft(Job job, Instant now) {
    String created = job.getMetadata().getCreationTimestamp();
    if (created == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, Instant.parse(created).plus(GRACE));
    if (left.isNegative() || left.isZero()) {
      return Optional.empty();
    }
    return Optional.of(left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left);
  }

  /** The message of the Job's latest cached FailedCreate Event, or empty when there is none. */
  static Optional<String> latest(ResourceCache cache, Job job) {
    return cache.failedCreates(job).stream()
        .max(Comparator.comparing(PodCreationFailures::when))
        .map(Event::getMessage);
  }

  /** The message for the Task's status and Event. */
  static String describe(String eventMessage, String namespace) {
    return ("Kubernetes refused to create the agent's pod: %s. Fix the cause (a LimitRange or"
            + " ResourceQuota in namespace \"%s\", for example, or the controller's agent resources)"
            + " and the Job creates the pod by itself.")
        .formatted(eventMessage == null ? "no reason given" : eventMessage.strip(), namespace);
  }

  private static String when(Event event) {
    if (event.getLastTimestamp() != null) {
      return event.getLastTimestamp();
    }
    if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
      return event.getEventTime().getTime();
    }
    return event.getMetadata().getCreationTimestamp() == null
        ? ""
        : event.getMetadata().getCreationTimestamp();
  }
}

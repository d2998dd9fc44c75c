package io.axon.controller.task;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Why the API server refused a Job's pod (a LimitRange, a ResourceQuota, an admission webhook).
 * Kubernetes says so only in the Job's {@code FailedCreate} Events, so this reads them, by field
 * selector, for a Job that has had time to make its pod and has none. Blocking.
 */
public final class PodCreationFailures {

  /** The Task condition reason, and the Warning Event's. */
  public static final String REASON = "PodCreateFailed";

  /** How long a new Job may go without a pod before its Events are read. */
  static final Duration GRACE = Duration.ofSeconds(5);

  /** How often a Task whose Job has no pod looks again. */
  static final Duration RECHECK = Duration.ofSeconds(15);

  private PodCreationFailures() {}

  /** Whether the Job is old enough for a missing pod to mean something. */
  static boolean overdue(Job job, Instant now) {
    String created = job.getMetadata().getCreationTimestamp();
    return created == null || !Instant.parse(created).plus(GRACE).isAfter(now);
  }

  /** The message of the Job's latest FailedCreate Event, or empty when there is none. */
  static Optional<String> latest(KubernetesClient client, Job job) {
    return client
        .v1()
        .events()
        .inNamespace(job.getMetadata().getNamespace())
        .withField("involvedObject.uid", job.getMetadata().getUid())
        .withField("reason", "FailedCreate")
        .list()
        .getItems()
        .stream()
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

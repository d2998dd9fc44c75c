package io.axon.controller.task;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpawnerStatus;
import io.axon.controller.runtime.ResourceKey;
import io.axon.controller.spawner.ExpiredItems;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a finished Task {@code spec.ttlSecondsAfterFinished} after it finished (its Job and Pod
 * go with it, by owner reference). A Task a TaskSpawner made is first recorded in that spawner's
 * {@code status.expiredItems}, so the spawner does not run its item again. Blocking.
 */
final class TaskRetention {
  private static final Logger LOG = LoggerFactory.getLogger(TaskRetention.class);
  private static final int ATTEMPTS = 3;

  private final KubernetesClient client;
  private final Clock clock;

  TaskRetention(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** For a finished Task: deletes it when its time is up, else asks to be called back then. */
  ReconcileResult expire(Task task) {
    Long ttl = task.getSpec().getTtlSecondsAfterFinished();
    if (ttl == null) {
      return ReconcileResult.DONE;
    }
    Instant due = finishedAt(task).plusSeconds(ttl);
    Duration left = Duration.between(clock.instant(), due);
    if (left.compareTo(Duration.ZERO) > 0) {
      return ReconcileResult.requeueAfter(left);
    }
    ExpiredItems.entry(task).ifPresent(entry -> recordInSpawner(task, entry));
    client
        .resources(Task.class)
        .inNamespace(task.getMetadata().getNamespace())
        .withName(task.getMetadata().getName())
        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
        .delete();
    LOG.info(
        "Deleted Task {}: finished {} s ago, ttlSecondsAfterFinished {}",
        ResourceKey.of(task),
        Duration.between(finishedAt(task), clock.instant()).toSeconds(),
        ttl);
    return ReconcileResult.DONE;
  }

  private void recordInSpawner(Task task, String entry) {
    Map<String, String> labels = task.getMetadata().getLabels();
    String spawnerName = labels.get(ApiGroup.SPAWNER_LABEL);
    if (spawnerName == null) {
      return;
    }
    var spawners =
        client.resources(TaskSpawner.class).inNamespace(task.getMetadata().getNamespace());
    for (int attempt = 1; ; attempt++) {
      TaskSpawner spawner = spawners.withName(spawnerName).get();
      if (spawner == null) {
        return; // Gone: nothing will re-create the Task.
      }
      TaskSpawnerStatus status =
          spawner.getStatus() == null
              ? new TaskSpawnerStatus()
              : Serialization.clone(spawner.getStatus());
      if (status.getExpiredItems().contains(entry)) {
        return;
      }
      spawner.setStatus(ExpiredItems.add(status, entry));
      try {
        spawners.resource(spawner).updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static Instant finishedAt(Task task) {
    return parse(task.getStatus().getCompletionTime())
        .or(() -> parse(task.getMetadata().getCreationTimestamp()))
        .orElse(Instant.EPOCH);
  }

  private static Optional<Instant> parse(String timestamp) {
    try {
      return timestamp == null ? Optional.empty() : Optional.of(Instant.parse(timestamp));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

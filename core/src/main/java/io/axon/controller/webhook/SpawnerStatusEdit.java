package io.axon.controller.webhook;

import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpawnerStatus;
import io.axon.controller.runtime.Backoff;
import io.axon.controller.runtime.ResourceKey;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A relative edit of a TaskSpawner's status (its queues), written through the status subresource
 * against the resourceVersion it read, and done again on a fresh read when another writer (a
 * replica, or the spawner's own status write) won the race: bounded, with jittered backoff.
 * Blocking: for worker threads.
 */
final class SpawnerStatusEdit {
  static final int ATTEMPTS = 8;
  private static final Backoff CONFLICT_BACKOFF =
      new Backoff(Duration.ofMillis(20), Duration.ofMillis(500));

  private SpawnerStatusEdit() {}

  /**
   * Reads the spawner with {@code reader}, lets {@code change} edit its status (returning false
   * when there is nothing to write) and writes it with {@code writer}; nothing when the spawner is
   * gone. A 409 on the last attempt, or any other refusal, is thrown.
   */
  static void apply(
      KubernetesClient reader,
      KubernetesClient writer,
      String key,
      Predicate<TaskSpawnerStatus> change) {
    for (int attempt = 1; ; attempt++) {
      TaskSpawner spawner =
          reader
              .resources(TaskSpawner.class)
              .inNamespace(ResourceKey.namespace(key))
              .withName(ResourceKey.name(key))
              .get();
      if (spawner == null) {
        return;
      }
      TaskSpawnerStatus status =
          spawner.getStatus() == null ? new TaskSpawnerStatus() : spawner.getStatus();
      if (!change.test(status)) {
        return;
      }
      spawner.setStatus(status);
      try {
        writer.resources(TaskSpawner.class).resource(spawner).updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= ATTEMPTS) {
          throw e;
        }
      }
      try {
        Thread.sleep(CONFLICT_BACKOFF.delay(attempt).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while editing " + key + "'s queue", e);
      }
    }
  }
}

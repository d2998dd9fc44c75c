package io.axon.controller.spawner;

import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpawnerStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Writes one TaskSpawner's status through the status subresource, only when it changed, with
 * optimistic concurrency. A poll that finds nothing new changes only {@code lastPollTime}, which is
 * written at most once a {@link #POLL_TIME_REFRESH}, so an idle spawner costs the API server one
 * write a minute at most. Blocking; one caller at a time.
 */
final class SpawnerStatusWriter {
  static final Duration POLL_TIME_REFRESH = Duration.ofMinutes(1);
  private static final int ATTEMPTS = 3;

  private final KubernetesClient client;
  private final Clock clock;

  /** The resourceVersion the last write replaced, and what the server answered to it. */
  private String writtenOver;

  private TaskSpawner written;

  SpawnerStatusWriter(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Applies {@code change} to the newest status known and writes the result when it differs. On a
   * conflict the spawner is read again and the change applied to that, so changes must be relative
   * (such as "one more Task created").
   */
  void write(TaskSpawner cached, UnaryOperator<TaskSpawnerStatus> change) {
    TaskSpawner base = newest(cached);
    for (int attempt = 1; ; attempt++) {
      TaskSpawnerStatus current =
          base.getStatus() == null ? new TaskSpawnerStatus() : base.getStatus();
      TaskSpawnerStatus desired = change.apply(Serialization.clone(current));
      desired.setObservedGeneration(base.getMetadata().getGeneration());
      if (!worthWriting(current, desired)) {
        return;
      }
      TaskSpawner update = Serialization.clone(base);
      update.setStatus(desired);
      try {
        written = client.resources(TaskSpawner.class).resource(update).updateStatus();
        writtenOver = base.getMetadata().getResourceVersion();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
          throw e;
        }
        base =
            client
                .resources(TaskSpawner.class)
                .inNamespace(base.getMetadata().getNamespace())
                .withName(base.getMetadata().getName())
                .get();
        if (base == null) {
          return; // Deleted meanwhile.
        }
      }
    }
  }

  /** The cache lags behind our own writes: right after one, what the server answered is newer. */
  private TaskSpawner newest(TaskSpawner cached) {
    if (written != null
        && Objects.equals(cached.getMetadata().getResourceVersion(), writtenOver)
        && Objects.equals(cached.getMetadata().getUid(), written.getMetadata().getUid())) {
      return written;
    }
    return cached;
  }

  private boolean worthWriting(TaskSpawnerStatus current, TaskSpawnerStatus desired) {
    TaskSpawnerStatus a = Serialization.clone(current);
    TaskSpawnerStatus b = Serialization.clone(desired);
    a.setLastPollTime(null);
    b.setLastPollTime(null);
    if (!Serialization.asJson(a).equals(Serialization.asJson(b))) {
      return true;
    }
    if (Objects.equals(current.getLastPollTime(), desired.getLastPollTime())) {
      return false;
    }
    return current.getLastPollTime() == null
        || parse(current.getLastPollTime()).plus(POLL_TIME_REFRESH).isBefore(clock.instant());
  }

  private static Instant parse(String timestamp) {
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}

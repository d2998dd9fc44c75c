package io.axon.controller.observe;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.metrics.ControllerMetrics;
import io.axon.controller.spawner.SpawnerObserver;
import io.axon.spi.source.PollStats;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSourceException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what TaskSpawners do into metrics and Kubernetes Events. */
public final class SpawnerTelemetry implements SpawnerObserver {
  private static final Logger LOG = LoggerFactory.getLogger(SpawnerTelemetry.class);

  private final ControllerMetrics metrics;
  private final EventRecorder events;

  public SpawnerTelemetry(ControllerMetrics metrics, EventRecorder events) {
    this.metrics = metrics;
    this.events = events;
  }

  @Override
  public void onPoll(TaskSpawner spawner, List<WorkItem> items, PollStats stats) {
    metrics.spawnerPollSucceeded();
    stats.rateLimitRemaining().ifPresent(metrics::gitHubRateLimitRemaining);
  }

  @Override
  public void onSourceError(TaskSpawner spawner, WorkSourceException error) {
    metrics.spawnerPollFailed(error.reason());
    record(() -> events.warning(spawner, EventRecorder.SOURCE_ERROR, error.getMessage()));
  }

  @Override
  public void onTaskCreated(TaskSpawner spawner, Task task) {
    record(
        () ->
            events.normal(spawner, "TaskCreated", "Created Task " + task.getMetadata().getName()));
  }

  /** Events are best effort: a refused Event must never stop a spawner. */
  private static void record(Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      LOG.warn("Could not record a TaskSpawner Event: {}", e.toString());
    }
  }
}

package io.axon.controller.spawner;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.spi.source.PollStats;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSourceException;
import java.util.List;

/**
 * Hears what TaskSpawners do, for metrics and Kubernetes Events. Called on worker threads, one
 * spawner's calls one at a time; implementations must be quick and must not throw.
 */
public interface SpawnerObserver {

  /** Hears nothing. */
  SpawnerObserver NONE = new SpawnerObserver() {};

  /** A poll answered with these items (after the source's filters); {@code stats} is its cost. */
  default void onPoll(TaskSpawner spawner, List<WorkItem> items, PollStats stats) {}

  /** A poll failed; the message says why (bad token, repository not found, rate limited). */
  default void onSourceError(TaskSpawner spawner, WorkSourceException error) {}

  /** A Task was created for a work item. */
  default void onTaskCreated(TaskSpawner spawner, Task task) {}
}

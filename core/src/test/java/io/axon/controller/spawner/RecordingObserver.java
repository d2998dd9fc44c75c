package io.axon.controller.spawner;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.spi.source.PollStats;
import io.axon.spi.source.WorkItem;
import io.axon.spi.source.WorkSourceException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the spawners report. */
final class RecordingObserver implements SpawnerObserver {
  final List<PollStats> polls = new CopyOnWriteArrayList<>();
  final List<WorkSourceException> errors = new CopyOnWriteArrayList<>();
  final List<String> created = new CopyOnWriteArrayList<>();

  @Override
  public void onPoll(TaskSpawner spawner, List<WorkItem> items, PollStats stats) {
    polls.add(stats);
  }

  @Override
  public void onSourceError(TaskSpawner spawner, WorkSourceException error) {
    errors.add(error);
  }

  @Override
  public void onTaskCreated(TaskSpawner spawner, Task task) {
    created.add(task.getMetadata().getName());
  }
}

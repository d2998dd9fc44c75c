package io.axon.controller.spawner;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import java.util.Objects;

/**
 * A TaskSpawner's {@code status.activeTasks}, counted from the Task cache when one of its Tasks
 * changes, so it does not wait for the next poll. Blocking: may write the status.
 */
final class ActiveTasks {

  private ActiveTasks() {}

  /** The spawner's unfinished Tasks in the cache. */
  static int count(SpawnerEnvironment env, String spawnerKey) {
    return (int)
        env.cache().tasksOfSpawner(spawnerKey).stream().filter(ActiveTasks::unfinished).count();
  }

  /** Writes the count when the spawner has been polled once and its count is out of date. */
  static Void refresh(String spawnerKey, SpawnerEnvironment env, SpawnerStatusWriter writer) {
    TaskSpawner spawner = env.cache().spawner(spawnerKey).orElse(null);
    if (spawner == null
        || spawner.getStatus() == null
        || spawner.getStatus().getActiveTasks() == null) {
      return null;
    }
    int active = count(env, spawnerKey);
    if (!Objects.equals(spawner.getStatus().getActiveTasks(), active)) {
      writer.write(
          spawner,
          status -> {
            status.setActiveTasks(active);
            return status;
          });
    }
    return null;
  }

  static boolean unfinished(Task task) {
    return task.getStatus() == null
        || task.getStatus().getPhase() == null
        || !task.getStatus().getPhase().isFinished();
  }
}

package io.axon.controller.spawner;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpawnerStatus;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.runtime.ResourceKey;
import io.axon.spi.source.Overlap;
import io.axon.spi.source.WorkItem;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Tasks a poll's items call for: one per item that has no Task of its name, in the
 * items' order, while the spawner has fewer than {@code maxConcurrency} unfinished Tasks. An item
 * whose Task exists, finished or not, gets nothing: deleting a finished Task is what lets its item
 * be picked up again. Blocking: call it from a worker thread.
 */
final class SpawnedTaskCreator {
  private static final Logger LOG = LoggerFactory.getLogger(SpawnedTaskCreator.class);

  /**
   * What one round of creation did.
   *
   * @param created the Tasks created now
   * @param existing Tasks of the spawner that existed before
   * @param active unfinished Tasks of the spawner, those created now included
   * @param problem why a Task could not be created, when one could not
   * @param skipped expiredItems entries for items passed over for good (a tick while an earlier
   *     Task ran, under the skip policy)
   * @param waiting whether an item waits for a running Task to finish
   * @param totalReached whether maxTotalTasks kept an item from its Task
   */
  record Outcome(
      List<Task> created,
      int existing,
      int active,
      Optional<String> problem,
      List<String> skipped,
      boolean waiting,
      boolean totalReached) {}

  private final KubernetesClient client;
  private final ResourceCache cache;
  private final SpawnerObserver observer;

  SpawnedTaskCreator(KubernetesClient client, ResourceCache cache, SpawnerObserver observer) {
    this.client = client;
    this.cache = cache;
    this.observer = observer;
  }

  Outcome createMissing(TaskSpawner spawner, SpawnerPlan plan, List<WorkItem> items) {
    return createMissing(spawner, plan, items, Overlap.RUN);
  }

  Outcome createMissing(
      TaskSpawner spawner, SpawnerPlan plan, List<WorkItem> items, Overlap overlap) {
    String namespace = spawner.getMetadata().getNamespace();
    String spawnerName = spawner.getMetadata().getName();
    List<Task> existing = cache.tasksOfSpawner(ResourceKey.of(spawner));
    Set<String> active = new HashSet<>();
    existing.stream()
        .filter(SpawnedTaskCreator::unfinished)
        .forEach(task -> active.add(task.getMetadata().getName()));
    Integer limit = spawner.getSpec().getMaxConcurrency();
    Long maxTotal = spawner.getSpec().getMaxTotalTasks();
    List<Task> created = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    String problem = null;
    boolean waiting = false;
    boolean totalReached = false;
    TaskSpawnerStatus expired = null;
    Long remaining = null;
    for (WorkItem item : SpawnerPriorities.order(items, spawner.getSpec().getPriorityLabels())) {
      String name = plan.taskName(spawnerName, item);
      if (cache.task(ResourceKey.of(namespace, name)).isPresent() || active.contains(name)) {
        continue;
      }
      if (limit != null && active.size() >= limit) {
        waiting = true;
        break;
      }
      String prompt;
      try {
        prompt = plan.template().render(item);
      } catch (IllegalArgumentException e) {
        problem = "item %s: %s".formatted(item.id(), e.getMessage());
        continue;
      }
      if (expired == null) {
        expired = liveStatus(spawner);
        if (maxTotal != null) {
          long made =
              Math.max(
                  expired.getTasksCreated() == null ? 0 : expired.getTasksCreated(),
                  existing.size());
          remaining = maxTotal - made;
        }
      }
      if (ExpiredItems.contains(expired, item, prompt)) {
        continue;
      }
      if (remaining != null && remaining <= 0) {
        totalReached = true;
        break;
      }
      if (overlap != Overlap.RUN && active.isEmpty()) {
        // The cache may not show a Task created a moment ago: ask the API server before a tick
        // that must not overlap gets its Task.
        liveUnfinished(spawner).forEach(active::add);
      }
      if (overlap != Overlap.RUN && !active.isEmpty()) {
        if (overlap == Overlap.SKIP) {
          skipped.add(ExpiredItems.entry(SpawnedTaskNames.labelValue(item.id()), prompt));
          LOG.info(
              "TaskSpawner {} skips item {}: an earlier Task has not finished",
              ResourceKey.of(spawner),
              item.id());
          continue;
        }
        waiting = true;
        break;
      }
      Task task = SpawnedTasks.build(spawner, item, prompt, plan.workspaceName(), name);
      try {
        Task made = client.resources(Task.class).resource(task).create();
        created.add(made);
        active.add(name);
        if (remaining != null) {
          remaining--;
        }
        LOG.info("TaskSpawner {} created Task {}", ResourceKey.of(spawner), name);
        observer.onTaskCreated(spawner, made);
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
          // Created already (the cache is behind, or another replica): not ours to count, but it
          // may well be running.
          active.add(name);
        } else if (e.getCode() >= 400 && e.getCode() < 500) {
          problem =
              "the API server refused Task %s for item %s (%d): %s"
                  .formatted(name, item.id(), e.getCode(), reason(e));
        } else {
          throw e;
        }
      }
    }
    return new Outcome(
        List.copyOf(created),
        existing.size(),
        active.size(),
        Optional.ofNullable(problem),
        List.copyOf(skipped),
        waiting,
        totalReached);
  }

  /**
   * The spawner's status as the API server has it: the controller records an expired Task's item
   * there just before deleting the Task, and the cache may show the deletion first.
   */
  private TaskSpawnerStatus liveStatus(TaskSpawner cached) {
    TaskSpawner live =
        client
            .resources(TaskSpawner.class)
            .inNamespace(cached.getMetadata().getNamespace())
            .withName(cached.getMetadata().getName())
            .get();
    TaskSpawner freshest = live == null ? cached : live;
    return freshest.getStatus() == null ? new TaskSpawnerStatus() : freshest.getStatus();
  }

  private List<String> liveUnfinished(TaskSpawner spawner) {
    return client
        .resources(Task.class)
        .inNamespace(spawner.getMetadata().getNamespace())
        .withLabel(ApiGroup.SPAWNER_LABEL, spawner.getMetadata().getName())
        .list()
        .getItems()
        .stream()
        .filter(SpawnedTaskCreator::unfinished)
        .map(task -> task.getMetadata().getName())
        .toList();
  }

  private static boolean unfinished(Task task) {
    return task.getStatus() == null
        || task.getStatus().getPhase() == null
        || !task.getStatus().getPhase().isFinished();
  }

  private static String reason(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : e.getMessage();
  }
}

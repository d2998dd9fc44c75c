package io.axon.controller.spawner;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpawnerStatus;
import io.axon.controller.ResourceCache;
import io.axon.controller.ResourceKey;
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
   */
  record Outcome(List<Task> created, int existing, int active, Optional<String> problem) {}

  private final KubernetesClient client;
  private final ResourceCache cache;
  private final SpawnerObserver observer;

  SpawnedTaskCreator(KubernetesClient client, ResourceCache cache, SpawnerObserver observer) {
    this.client = client;
    this.cache = cache;
    this.observer = observer;
  }

  Outcome createMissing(TaskSpawner spawner, SpawnerPlan plan, List<WorkItem> items) {
    String namespace = spawner.getMetadata().getNamespace();
    List<Task> existing = cache.tasksOfSpawner(ResourceKey.of(spawner));
    Set<String> active = new HashSet<>();
    existing.stream()
        .filter(SpawnedTaskCreator::unfinished)
        .forEach(task -> active.add(task.getMetadata().getName()));
    Integer limit = spawner.getSpec().getMaxConcurrency();
    List<Task> created = new ArrayList<>();
    String problem = null;
    TaskSpawnerStatus expired = null;
    for (WorkItem item : items) {
      String name = SpawnedTaskNames.forItem(spawner.getMetadata().getName(), item.id());
      if (cache.task(ResourceKey.of(namespace, name)).isPresent() || active.contains(name)) {
        continue;
      }
      if (limit != null && active.size() >= limit) {
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
      }
      if (ExpiredItems.contains(expired, item, prompt)) {
        continue;
      }
      Task task = SpawnedTasks.build(spawner, item, prompt, plan.workspaceName());
      try {
        Task made = client.resources(Task.class).resource(task).create();
        created.add(made);
        active.add(name);
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
        List.copyOf(created), existing.size(), active.size(), Optional.ofNullable(problem));
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

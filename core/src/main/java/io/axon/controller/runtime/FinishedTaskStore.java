package io.axon.controller.runtime;

import io.axon.api.v1alpha1.ApiGroup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The informer store of Jobs and Pods: holds them (slimmed) only while their Task is unfinished.
 * Once a Task has finished the reconciler reads none of its Jobs or Pods again, so {@link #evict}
 * drops them when the Task's finished status reaches the Task cache, and later events about them (a
 * Job's last status settle, their deletion) are not stored again. Without this every finished Task
 * keeps its Job and Pod in memory until it is deleted.
 *
 * <p>It indexes its objects by Task itself instead of through the informer's indexers: an
 * informer's index must only change with the store's own put and remove, and eviction comes from
 * the Task informer's thread. Put and evict are atomic with each other, and the Task cache is
 * updated before its handler runs, so an object put while its Task finishes is either refused or
 * evicted.
 */
final class FinishedTaskStore<T extends HasMetadata> extends SlimItemStore<T> {
  private final Predicate<String> taskFinished;
  private final Map<String, Set<String>> byTask = new ConcurrentHashMap<>();

  /**
   * @param taskFinished whether the Task of this key ({@code namespace/name}) has finished, as the
   *     Task cache has it
   */
  FinishedTaskStore(Consumer<T> slim, Predicate<String> taskFinished) {
    super(slim);
    this.taskFinished = taskFinished;
  }

  @Override
  public synchronized T put(String key, T object) {
    String task = taskKey(object);
    if (task != null && taskFinished.test(task)) {
      return remove(key);
    }
    T old = super.put(key, object);
    String oldTask = old == null ? null : taskKey(old);
    if (oldTask != null && !oldTask.equals(task)) {
      unindex(oldTask, key);
    }
    if (task != null) {
      byTask.computeIfAbsent(task, k -> ConcurrentHashMap.newKeySet()).add(key);
    }
    return old;
  }

  @Override
  public synchronized T remove(String key) {
    T old = super.remove(key);
    String task = old == null ? null : taskKey(old);
    if (task != null) {
      unindex(task, key);
    }
    return old;
  }

  /** Drops every object of this Task; returns how many were held. */
  synchronized int evict(String taskKey) {
    Set<String> keys = byTask.remove(taskKey);
    if (keys == null) {
      return 0;
    }
    keys.forEach(super::remove);
    return keys.size();
  }

  /** The objects of this Task held now. */
  List<T> ofTask(String taskKey) {
    Set<String> keys = byTask.getOrDefault(taskKey, Set.of());
    return keys.stream().map(this::get).filter(Objects::nonNull).toList();
  }

  private void unindex(String task, String key) {
    byTask.computeIfPresent(
        task,
        (k, keys) -> {
          keys.remove(key);
          return keys.isEmpty() ? null : keys;
        });
  }

  /** The {@code namespace/name} of the object's Task, from its {@code axon.io/task} label. */
  static String taskKey(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    String name = labels == null ? null : labels.get(ApiGroup.TASK_LABEL);
    return name == null ? null : ResourceKey.of(object.getMetadata().getNamespace(), name);
  }
}

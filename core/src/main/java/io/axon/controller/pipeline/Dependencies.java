package io.axon.controller.pipeline;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.status.Conditions;
import io.axon.controller.status.TaskConditions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a Task's {@code dependsOn} against the Tasks of its namespace. A pure function of what the
 * lookup returns, so the same cache gives the same answer after a restart.
 */
public final class Dependencies {
  /**
   * The most Tasks one cycle search visits: dependsOn holds at most 32 names, so this bounds the
   * work of one reconcile however the Tasks are wired.
   */
  static final int MAX_VISITED = 1_000;

  private Dependencies() {}

  /**
   * @param byName a Task of the same namespace by name, as the caches have it
   */
  public static DependencyState of(Task task, Function<String, Optional<Task>> byName) {
    List<String> names = task.getSpec().getDependsOn();
    Map<String, Task> succeeded = new LinkedHashMap<>();
    List<String> unfinished = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      Optional<Task> dependency = byName.apply(name);
      if (dependency.isEmpty()) {
        missing.add(name);
        continue;
      }
      TaskPhase phase = phase(dependency.get());
      if (phase == TaskPhase.Failed) {
        // Failed for the cycle this Task closes: say so, not merely that it failed.
        Optional<List<String>> cycle = cycle(task, byName);
        if (cycle.isPresent()) {
          return new DependencyState.Cycle(cycle.get());
        }
        String message = dependency.get().getStatus().getMessage();
        return new DependencyState.DependencyFailed(name, message == null ? "" : message);
      }
      if (phase == TaskPhase.Succeeded) {
        succeeded.put(name, dependency.get());
      } else {
        unfinished.add(name);
      }
    }
    if (!unfinished.isEmpty()) {
      Optional<List<String>> cycle = cycle(task, byName);
      if (cycle.isPresent()) {
        return new DependencyState.Cycle(cycle.get());
      }
    }
    if (!unfinished.isEmpty() || !missing.isEmpty()) {
      return new DependencyState.Waiting(List.copyOf(unfinished), List.copyOf(missing));
    }
    return new DependencyState.Ready(succeeded);
  }

  /**
   * A path of unfinished Tasks from this Task back to itself, depth first in dependsOn order. A
   * finished Task waits on nothing, so the search stops there.
   */
  static Optional<List<String>> cycle(Task start, Function<String, Optional<Task>> byName) {
    String origin = start.getMetadata().getName();
    List<String> path = new ArrayList<>(List.of(origin));
    Set<String> visited = new HashSet<>(path);
    Deque<Iterator<String>> stack = new ArrayDeque<>();
    stack.push(start.getSpec().getDependsOn().iterator());
    while (!stack.isEmpty()) {
      Iterator<String> next = stack.peek();
      if (!next.hasNext()) {
        stack.pop();
        path.remove(path.size() - 1);
        continue;
      }
      String name = next.next();
      if (name.equals(origin)) {
        path.add(origin);
        return Optional.of(List.copyOf(path));
      }
      if (!visited.add(name) || visited.size() > MAX_VISITED) {
        continue;
      }
      Optional<Task> dependency = byName.apply(name);
      if (dependency.isEmpty() || dependency.get().getSpec() == null || !waits(dependency.get())) {
        continue;
      }
      path.add(name);
      stack.push(dependency.get().getSpec().getDependsOn().iterator());
    }
    return Optional.empty();
  }

  /** Unfinished, or failed for a dependency cycle (which it is still part of). */
  private static boolean waits(Task task) {
    TaskPhase phase = phase(task);
    if (phase == null || !phase.isFinished()) {
      return true;
    }
    return phase == TaskPhase.Failed
        && Conditions.find(task.getStatus().getConditions(), TaskConditions.SUCCEEDED)
            .map(c -> PipelineConditions.REASON_DEPENDENCY_CYCLE.equals(c.getReason()))
            .orElse(false);
  }

  private static TaskPhase phase(Task task) {
    return task.getStatus() == null ? null : task.getStatus().getPhase();
  }
}

package io.axon.controller.pipeline;

import io.axon.api.v1alpha1.Task;
import java.util.List;
import java.util.Map;

/** Where a Task stands with the Tasks it depends on. */
public sealed interface DependencyState {

  /** Every dependency succeeded (none, when the Task has none), by name in dependsOn order. */
  record Ready(Map<String, Task> dependencies) implements DependencyState {}

  /** Some dependencies have not finished, or do not exist (yet). */
  record Waiting(List<String> unfinished, List<String> missing) implements DependencyState {}

  /** A dependency failed, so this Task cannot run. */
  record DependencyFailed(String dependency, String message) implements DependencyState {}

  /** The Task waits, through its dependencies, on itself: {@code [a, b, a]}. */
  record Cycle(List<String> path) implements DependencyState {}
}

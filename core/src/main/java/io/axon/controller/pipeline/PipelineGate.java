package io.axon.controller.pipeline;

import static io.axon.controller.pipeline.PipelineConditions.*;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.job.JobNames;
import io.axon.controller.runtime.ResourceCache;
import io.axon.controller.runtime.ResourceKey;
import io.axon.controller.status.Conditions;
import io.axon.controller.status.TaskStatusCalculator;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What stands between a Task with {@code dependsOn} or {@code branch} and its Job: its
 * dependencies, then its branch. Each check answers the status to write while the Task cannot go on
 * (empty when it can), derived from the caches alone, so it holds across restarts.
 */
public final class PipelineGate {
  private static final int DEPENDENCY_MESSAGE_MAX = 300;

  private final ResourceCache cache;
  private final TaskStatusCalculator statuses;

  public PipelineGate(ResourceCache cache, TaskStatusCalculator statuses) {
    this.cache = cache;
    this.statuses = statuses;
  }

  /** The prompt's references to dependency results, then the dependencies themselves. */
  public Optional<TaskStatus> dependencies(Task task, Instant now) {
    if (task.getSpec().getDependsOn().isEmpty()) {
      return Optional.empty();
    }
    Optional<String> templateProblem = DependencyPrompt.problem(task);
    if (templateProblem.isPresent()) {
      return Optional.of(failed(task, REASON_INVALID_PROMPT_TEMPLATE, templateProblem.get(), now));
    }
    DependencyState state = Dependencies.of(task, byName(task));
    if (state instanceof DependencyState.Ready) {
      return Optional.empty();
    }
    if (state instanceof DependencyState.DependencyFailed failure) {
      String message =
          "Dependency \"%s\" failed, so this Task does not run. %s: %s"
              .formatted(failure.dependency(), failure.dependency(), shortened(failure.message()));
      return Optional.of(failed(task, REASON_DEPENDENCY_FAILED, message, now));
    }
    if (state instanceof DependencyState.Cycle cycle) {
      String message =
          "Dependency cycle: %s. None of these Tasks can start: delete one and create it again"
                  .formatted(String.join(" → ", cycle.path()))
              + " without the dependency that closes the cycle.";
      return Optional.of(failed(task, REASON_DEPENDENCY_CYCLE, message, now));
    }
    DependencyState.Waiting waiting = (DependencyState.Waiting) state;
    List<String> parts = new ArrayList<>();
    if (!waiting.unfinished().isEmpty()) {
      parts.add("Waiting for %s to succeed.".formatted(quoted(waiting.unfinished())));
    }
    if (!waiting.missing().isEmpty()) {
      parts.add(
          "%s not found in namespace \"%s\": waiting for %s to be created and succeed."
              .formatted(
                  (waiting.missing().size() == 1 ? "Task " : "Tasks ") + quoted(waiting.missing()),
                  task.getMetadata().getNamespace(),
                  waiting.missing().size() == 1 ? "it" : "them"));
    }
    String reason =
        waiting.missing().isEmpty() ? REASON_WAITING_FOR_DEPENDENCIES : REASON_DEPENDENCY_NOT_FOUND;
    return Optional.of(waiting(task, DEPENDENCIES_READY, reason, String.join(" ", parts), now));
  }

  /** The branch lock, for a Task whose Workspace is known. */
  public Optional<TaskStatus> branch(Task task, Optional<Workspace> workspace, Instant now) {
    String branch = task.getSpec().getBranch();
    if (branch == null || workspace.isEmpty()) {
      return Optional.empty();
    }
    String repo = workspace.get().getSpec().getRepo();
    BranchLock.State state =
        BranchLock.of(
            task,
            repo,
            cache.tasksOnBranch(branch),
            this::repoOf,
            this::hasJob,
            other ->
                other.getSpec() != null
                    && DependencyPrompt.problem(other).isEmpty()
                    && Dependencies.of(other, byName(other)) instanceof DependencyState.Ready);
    if (state instanceof BranchLock.Held held) {
      return Optional.of(
          dependenciesSucceeded(
              task,
              waiting(
                  task,
                  BRANCH_LOCK_HELD,
                  REASON_BRANCH_BUSY,
                  "Waiting for Task \"%s\", which works on branch \"%s\" of %s."
                      .formatted(name(held.holder(), task), branch, repo),
                  now),
              now));
    }
    if (state instanceof BranchLock.Queued queued) {
      return Optional.of(
          dependenciesSucceeded(
              task,
              waiting(
                  task,
                  BRANCH_LOCK_HELD,
                  REASON_BRANCH_BUSY,
                  "Waiting for Task \"%s\" (created earlier) to work on branch \"%s\" of %s first."
                      .formatted(name(queued.first(), task), branch, repo),
                  now),
              now));
    }
    return Optional.empty();
  }

  /**
   * The Task as its Job should carry it: the prompt with its dependencies' results filled in; or
   * the Failed status when that prompt is too long.
   */
  public JobTask forJob(Task task, Instant now) {
    if (task.getSpec().getDependsOn().isEmpty()) {
      return new JobTask(task, null);
    }
    DependencyState state = Dependencies.of(task, byName(task));
    if (!(state instanceof DependencyState.Ready ready)) {
      throw new IllegalStateException("dependencies checked before: " + state);
    }
    String prompt = DependencyPrompt.render(task, ready.dependencies());
    int bytes = prompt.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > TaskSpec.PROMPT_MAX_BYTES) {
      String message =
          "The prompt with its dependencies' results is %d bytes of UTF-8, more than a pod can carry (%d): use fewer or shorter results."
              .formatted(bytes, TaskSpec.PROMPT_MAX_BYTES);
      return new JobTask(null, failed(task, REASON_PROMPT_TOO_LONG, message, now));
    }
    Task rendered = Serialization.clone(task);
    rendered.getSpec().setPrompt(prompt);
    return new JobTask(rendered, null);
  }

  /**
   * The conditions of a Task that has its Job, on the status computed from that Job: its
   * dependencies succeeded, and it holds its branch until it finishes.
   */
  public TaskStatus settled(Task task, TaskStatus desired, Instant now) {
    TaskSpec spec = task.getSpec();
    Long generation = task.getMetadata().getGeneration();
    dependenciesSucceeded(task, desired, now);
    if (spec.getBranch() != null) {
      boolean finished = desired.getPhase() != null && desired.getPhase().isFinished();
      desired.setConditions(
          Conditions.set(
              desired.getConditions(),
              BRANCH_LOCK_HELD,
              finished ? Conditions.FALSE : Conditions.TRUE,
              finished ? REASON_BRANCH_RELEASED : REASON_BRANCH_HELD,
              (finished ? "Released branch \"%s\"." : "Works on branch \"%s\".")
                  .formatted(spec.getBranch()),
              generation,
              now));
    }
    return desired;
  }

  /** DependenciesReady=True on a Task with dependencies, which all succeeded. */
  private static TaskStatus dependenciesSucceeded(Task task, TaskStatus status, Instant now) {
    List<String> dependsOn = task.getSpec().getDependsOn();
    if (!dependsOn.isEmpty()) {
      status.setConditions(
          Conditions.set(
              status.getConditions(),
              DEPENDENCIES_READY,
              Conditions.TRUE,
              REASON_DEPENDENCIES_SUCCEEDED,
              "Dependencies succeeded: %s.".formatted(String.join(", ", dependsOn)),
              task.getMetadata().getGeneration(),
              now));
    }
    return status;
  }

  /**
   * A Task for its Job, or the status that says why it gets none.
   *
   * @param task the Task with its prompt rendered; null when {@code failed} is set
   */
  public record JobTask(Task task, TaskStatus failed) {}

  private TaskStatus failed(Task task, String reason, String message, Instant now) {
    TaskStatus status = statuses.blocked(task, TaskPhase.Failed, reason, message, now);
    status.setConditions(
        Conditions.set(
            status.getConditions(),
            DEPENDENCIES_READY,
            Conditions.FALSE,
            reason,
            message,
            task.getMetadata().getGeneration(),
            now));
    return status;
  }

  /** Waiting, or still Pending when the Task got that far: a phase never moves back. */
  private TaskStatus waiting(
      Task task, String condition, String reason, String message, Instant now) {
    TaskPhase current = task.getStatus() == null ? null : task.getStatus().getPhase();
    TaskPhase phase =
        current != null && current.compareTo(TaskPhase.Waiting) > 0 ? current : TaskPhase.Waiting;
    TaskStatus status = statuses.blocked(task, phase, reason, message, now);
    status.setConditions(
        Conditions.set(
            status.getConditions(),
            condition,
            Conditions.FALSE,
            reason,
            message,
            task.getMetadata().getGeneration(),
            now));
    return status;
  }

  private Function<String, Optional<Task>> byName(Task task) {
    String namespace = task.getMetadata().getNamespace();
    return name -> cache.task(ResourceKey.of(namespace, name)).filter(t -> t.getSpec() != null);
  }

  private Optional<String> repoOf(Task task) {
    if (task.getSpec() == null || task.getSpec().getWorkspaceRef() == null) {
      return Optional.empty();
    }
    return cache
        .workspace(task.getMetadata().getNamespace(), task.getSpec().getWorkspaceRef().getName())
        .map(Workspace::getSpec)
        .map(spec -> spec.getRepo())
        .filter(repo -> repo != null);
  }

  private boolean hasJob(Task task) {
    return (task.getStatus() != null && task.getStatus().getJobName() != null)
        || cache
            .job(task.getMetadata().getNamespace(), JobNames.forTask(task.getMetadata().getName()))
            .isPresent()
        || cache.taskExpectations().awaitingCreated(task).isPresent();
  }

  private static String name(Task other, Task task) {
    return other.getMetadata().getNamespace().equals(task.getMetadata().getNamespace())
        ? other.getMetadata().getName()
        : other.getMetadata().getNamespace() + "/" + other.getMetadata().getName();
  }

  private static String quoted(List<String> names) {
    return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
  }

  private static String shortened(String message) {
    String line = message.strip();
    int newline = line.indexOf('\n');
    if (newline >= 0) {
      line = line.substring(0, newline);
    }
    return line.length() <= DEPENDENCY_MESSAGE_MAX
        ? line
        : line.substring(0, DEPENDENCY_MESSAGE_MAX) + "…";
  }
}

package io.axon.controller.status;

import static io.axon.controller.status.TaskConditions.*;

import io.axon.api.v1alpha1.ResultReason;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.job.AgentJobBuilder;
import io.axon.controller.job.AgentPodSettings;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Derives a Task's status from its Job and Pod. A pure function: the controller writes the result
 * only when it differs from what is stored, so an unchanged world costs no API writes.
 */
public final class TaskStatusCalculator {

  static final String WAITING_FOR_POD = "Waiting for the agent's pod to start.";

  private static final Set<String> CONFIG_REASONS =
      Set.of("CreateContainerConfigError", "CreateContainerError");

  private final Duration imagePullGrace;

  public TaskStatusCalculator() {
    this(AgentPodSettings.DEFAULT_IMAGE_PULL_GRACE);
  }

  /**
   * @param imagePullGrace how long an image pull may keep failing with a reason that can heal
   *     before the Task fails with ImageUnavailable
   */
  public TaskStatusCalculator(Duration imagePullGrace) {
    this.imagePullGrace = imagePullGrace;
  }

  /** The status of a Task whose Job exists. */
  public TaskStatus fromJob(Task task, Job job, Optional<Pod> pod, Instant now) {
    TaskStatus status = copyOf(task);
    Long generation = task.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    status.setJobName(job.getMetadata().getName());
    // "The pod running the Task": named once it runs, ends, or is stuck (with the reason), not
    // while it is merely starting, which would cost every Task one more status write.
    pod.filter(p -> !isStarting(p)).ifPresent(p -> status.setPodName(p.getMetadata().getName()));
    status.setConditions(
        Conditions.set(
            status.getConditions(),
            ACCEPTED,
            Conditions.TRUE,
            REASON_JOB_CREATED,
            "Job " + job.getMetadata().getName() + " runs the agent." + JobNotes.ignoredEnv(job),
            generation,
            now));

    Optional<JobCondition> complete = jobCondition(job, "Complete");
    Optional<JobCondition> failed = jobCondition(job, "Failed");
    if (complete.isPresent()) {
      succeeded(status, task, job, complete.get(), pod, generation, now);
    } else if (failed.isPresent()) {
      failed(status, task, failed.get(), pod, generation, now);
    } else if (pod.isPresent() && "Running".equals(phaseOf(pod.get()))) {
      pulled(status, generation, now);
      status.setPhase(TaskPhase.Running);
      status.setStartTime(startTime(pod.get()).orElse(Timestamps.format(now)));
      status.setMessage("The agent is running.");
      setSucceeded(status, Conditions.UNKNOWN, REASON_RUNNING, "The agent is running.", now);
    } else if (pod.isPresent() && isTerminal(pod.get())) {
      // The pod ended; the Job controller marks the Job next. Keep what we had until then.
      if (status.getPhase() == null || status.getPhase() == TaskPhase.Waiting) {
        status.setPhase(TaskPhase.Pending);
      }
    } else if (status.getPhase() == TaskPhase.Running) {
      // Phases only move forward: a running Task's pod missing from the cache, or seen in an older
      // state, does not make it Pending again while its Job is still active.
    } else if (pod.flatMap(ImagePullProblem::of).isPresent()) {
      imageMissing(status, pod.flatMap(ImagePullProblem::of).get(), generation, now);
    } else {
      String message = pod.map(TaskStatusCalculator::pendingProblem).orElse(WAITING_FOR_POD);
      status.setPhase(TaskPhase.Pending);
      status.setMessage(message);
      setSucceeded(status, Conditions.UNKNOWN, REASON_PENDING, message, now);
    }
    return status;
  }

  /**
   * When a Task whose pod cannot pull its image fails if the pull does not succeed first; empty
   * when no pull is failing.
   */
  public Optional<Instant> imagePullGivesUpAt(TaskStatus status) {
    return status == null || status.getPhase() != TaskPhase.Pending
        ? Optional.empty()
        : pullFailingSince(status).map(since -> since.plus(imagePullGrace));
  }

  private static Optional<Instant> pullFailingSince(TaskStatus status) {
    return Conditions.find(status.getConditions(), IMAGE_PULLED)
        .filter(c -> Conditions.FALSE.equals(c.getStatus()))
        .map(c -> Instant.parse(c.getLastTransitionTime()));
  }

  /**
   * A container's image cannot be pulled: the Task fails with ImageUnavailable at once when waiting
   * cannot help, else after the grace period, counted from the first failed pull it saw (kept in
   * the ImagePulled condition, so a restarted controller keeps counting).
   */
  private void imageMissing(
      TaskStatus status, ImagePullProblem pull, Long generation, Instant now) {
    String problem = pull.describe();
    status.setConditions(
        Conditions.set(
            status.getConditions(),
            IMAGE_PULLED,
            Conditions.FALSE,
            pull.reason(),
            problem,
            generation,
            now));
    Instant givesUpAt = pullFailingSince(status).orElse(now).plus(imagePullGrace);
    if (pull.permanent() || !now.isBefore(givesUpAt)) {
      String message =
          pull.permanent()
              ? problem
              : "%s (still failing after %ds)".formatted(problem, imagePullGrace.toSeconds());
      FailureClassifier.Verdict verdict =
          new FailureClassifier.Verdict(
              TaskPhase.Failed,
              ResultReason.ImageUnavailable,
              message,
              REASON_IMAGE_UNAVAILABLE,
              null);
      status.setPhase(TaskPhase.Failed);
      status.setCompletionTime(Timestamps.format(now));
      status.setResult(ResultReasons.result(verdict));
      status.setMessage(message);
      setSucceeded(status, Conditions.FALSE, REASON_IMAGE_UNAVAILABLE, message, now);
      return;
    }
    String message =
        "%s. The Task fails with ImageUnavailable at %s unless the pull succeeds first."
            .formatted(problem, Timestamps.format(givesUpAt));
    status.setPhase(TaskPhase.Pending);
    status.setMessage(message);
    setSucceeded(status, Conditions.UNKNOWN, REASON_PENDING, message, now);
  }

  /** The pod runs: an image pull that failed before has succeeded. */
  private static void pulled(TaskStatus status, Long generation, Instant now) {
    if (Conditions.find(status.getConditions(), IMAGE_PULLED)
        .filter(c -> Conditions.FALSE.equals(c.getStatus()))
        .isPresent()) {
      status.setConditions(
          Conditions.set(
              status.getConditions(),
              IMAGE_PULLED,
              Conditions.TRUE,
              REASON_PULLED,
              "The agent pod's images were pulled.",
              generation,
              now));
    }
  }

  /**
   * The status of a Task that cannot get a Job: unknown agent type, missing Workspace, a foreign
   * Job in the way.
   */
  public TaskStatus blocked(
      Task task, TaskPhase phase, String reason, String message, Instant now) {
    TaskStatus status = copyOf(task);
    Long generation = task.getMetadata().getGeneration();
    status.setObservedGeneration(generation);
    status.setPhase(phase);
    status.setMessage(message);
    status.setConditions(
        Conditions.set(
            status.getConditions(), ACCEPTED, Conditions.FALSE, reason, message, generation, now));
    if (phase == TaskPhase.Failed) {
      status.setCompletionTime(Timestamps.format(now));
      setSucceeded(status, Conditions.FALSE, reason, message, now);
    } else {
      setSucceeded(status, Conditions.UNKNOWN, REASON_PENDING, message, now);
    }
    return status;
  }

  private static void succeeded(
      TaskStatus status,
      Task task,
      Job job,
      JobCondition complete,
      Optional<Pod> pod,
      Long generation,
      Instant now) {
    FailureClassifier.Verdict verdict = FailureClassifier.classify(task, Optional.empty(), pod);
    if (verdict.phase() == TaskPhase.Failed) {
      ended(status, verdict, complete, now); // exit 0, yet the agent's summary says it failed
      return;
    }
    status.setPhase(TaskPhase.Succeeded);
    status.setCompletionTime(
        firstNonNull(
            job.getStatus().getCompletionTime(),
            complete.getLastTransitionTime(),
            Timestamps.format(now)));
    if (status.getStartTime() == null) {
      status.setStartTime(
          firstNonNull(
              job.getStatus().getStartTime(), pod.flatMap(p -> startTime(p)).orElse(null)));
    }
    status.setResult(ResultReasons.result(verdict));
    status.setMessage(verdict.message());
    setSucceeded(status, Conditions.TRUE, REASON_SUCCEEDED, verdict.message(), now);
  }

  private static void failed(
      TaskStatus status,
      Task task,
      JobCondition failed,
      Optional<Pod> pod,
      Long generation,
      Instant now) {
    ended(status, FailureClassifier.classify(task, Optional.of(failed), pod), failed, now);
  }

  private static void ended(
      TaskStatus status, FailureClassifier.Verdict verdict, JobCondition condition, Instant now) {
    status.setPhase(TaskPhase.Failed);
    status.setCompletionTime(
        firstNonNull(condition.getLastTransitionTime(), Timestamps.format(now)));
    status.setResult(ResultReasons.result(verdict));
    status.setMessage(verdict.message());
    setSucceeded(status, Conditions.FALSE, verdict.conditionReason(), verdict.message(), now);
  }

  private static boolean isStarting(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return (phase == null || "Pending".equals(phase))
        && ImagePullProblem.of(pod).isEmpty()
        && WAITING_FOR_POD.equals(pendingProblem(pod));
  }

  static String pendingProblem(Pod pod) {
    for (ContainerStatus container : allContainerStatuses(pod)) {
      ContainerStateWaiting waiting =
          container.getState() == null ? null : container.getState().getWaiting();
      if (waiting == null || waiting.getReason() == null) {
        continue;
      }
      String detail = waiting.getMessage() == null ? waiting.getReason() : waiting.getMessage();
      if (CONFIG_REASONS.contains(waiting.getReason())) {
        return "The agent's pod cannot start: %s. Fix it and the Task starts by itself."
            .formatted(detail);
      }
    }
    List<PodCondition> conditions =
        pod.getStatus() == null ? null : pod.getStatus().getConditions();
    if (conditions != null) {
      for (PodCondition condition : conditions) {
        if ("PodScheduled".equals(condition.getType())
            && "False".equals(condition.getStatus())
            && "Unschedulable".equals(condition.getReason())) {
          return "No node can run the agent's pod yet: " + condition.getMessage();
        }
      }
    }
    return WAITING_FOR_POD;
  }

  private static void setSucceeded(
      TaskStatus status, String value, String reason, String message, Instant now) {
    status.setConditions(
        Conditions.set(
            status.getConditions(),
            SUCCEEDED,
            value,
            reason,
            message,
            status.getObservedGeneration(),
            now));
  }

  private static TaskStatus copyOf(Task task) {
    return task.getStatus() == null ? new TaskStatus() : Serialization.clone(task.getStatus());
  }

  static Optional<JobCondition> jobCondition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  static boolean isTerminal(Pod pod) {
    String phase = phaseOf(pod);
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** A pod's phase; null while it has no status yet (just created). */
  static String phaseOf(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  static Optional<String> startTime(Pod pod) {
    return containerStatus(pod.getStatus().getContainerStatuses(), AgentJobBuilder.AGENT_CONTAINER)
        .map(ContainerStatus::getState)
        .flatMap(
            state ->
                Optional.ofNullable(
                    state.getRunning() != null
                        ? state.getRunning().getStartedAt()
                        : state.getTerminated() != null
                            ? state.getTerminated().getStartedAt()
                            : null))
        .or(() -> Optional.ofNullable(pod.getStatus().getStartTime()));
  }

  private static Optional<ContainerStatus> containerStatus(
      List<ContainerStatus> statuses, String name) {
    return statuses == null
        ? Optional.empty()
        : statuses.stream().filter(s -> name.equals(s.getName())).findFirst();
  }

  private static List<ContainerStatus> allContainerStatuses(Pod pod) {
    if (pod.getStatus() == null) {
      return List.of();
    }
    List<ContainerStatus> all = new java.util.ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) {
      all.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      all.addAll(pod.getStatus().getContainerStatuses());
    }
    return all;
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}

package io.axon.controller.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

/**
 * Which changes of a Job or a Pod can change its Task's status, as the {@link TaskStatusCalculator}
 * reads them. The Job and Pod informers wake a Task's reconciler only for these: a ready count, a
 * probe time or a pod being scheduled cannot change a Task's status, and each such wake-up would be
 * a reconcile with nothing to do. Deletions always count.
 */
public final class StatusInputs {

  private StatusInputs() {}

  /** A Job that appears: news only when it has already ended (the reconcile that made it knows). */
  public static boolean isNews(Job added) {
    return !verdict(added).equals(verdict(new Job()));
  }

  /** A Job's update: news when it completed or failed. */
  public static boolean isNews(Job before, Job after) {
    return !verdict(before).equals(verdict(after));
  }

  /** A Pod that appears: news unless it merely starts, or has ended (see below). */
  public static boolean isNews(Pod added) {
    Object stage = stage(added);
    return stage != PodStage.STARTING && stage != PodStage.ENDED;
  }

  /**
   * A Pod's update: news when its stage changes, except to ended. An ended pod changes nothing by
   * itself: its Job's condition follows and decides the Task, and that reconcile reads the pod's
   * final state.
   */
  public static boolean isNews(Pod before, Pod after) {
    Object stage = stage(after);
    return stage != PodStage.ENDED && !stage(before).equals(stage);
  }

  private static Object verdict(Job job) {
    return new JobVerdict(
        TaskStatusCalculator.jobCondition(job, "Complete").isPresent(),
        TaskStatusCalculator.jobCondition(job, "Failed").isPresent());
  }

  /** The pod's stage as the calculator tells stages apart. */
  private static Object stage(Pod pod) {
    if (TaskStatusCalculator.isTerminal(pod)) {
      return PodStage.ENDED;
    }
    String phase = TaskStatusCalculator.phaseOf(pod);
    if ("Running".equals(phase)) {
      return new Running(TaskStatusCalculator.startTime(pod));
    }
    Optional<ImagePullProblem> pull = ImagePullProblem.of(pod);
    if (pull.isPresent()) {
      return pull.get();
    }
    String problem = TaskStatusCalculator.pendingProblem(pod);
    return (phase == null || "Pending".equals(phase))
            && TaskStatusCalculator.WAITING_FOR_POD.equals(problem)
        ? PodStage.STARTING
        : new Waiting(phase, problem);
  }

  private enum PodStage {
    STARTING,
    ENDED
  }

  private record JobVerdict(boolean complete, boolean failed) {}

  private record Running(Optional<String> since) {}

  private record Waiting(String phase, String problem) {}
}

package io.axon.controller.status;

import static io.axon.controller.status.TaskConditions.*;

import io.axon.api.v1alpha1.ResultReason;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.controller.job.AgentJobBuilder;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides how a finished run ended ({@link ResultReason}) from what the cluster shows: the Job's
 * condition, the pod's status and conditions, the clone and agent containers' exits, and the
 * agent's summary (termination message). A pure function of its inputs.
 *
 * <p>Order matters: what stopped the run before the agent could act (clone, image, memory,
 * eviction) wins over what the agent reported; the agent's own class wins over the deadline (an
 * entrypoint that salvaged work near the deadline says LimitReached); a run that ended with no
 * final result is never a success.
 */
public final class FailureClassifier {

  /** How a run ended: the Task's phase, its class, the status message and condition reason. */
  public record Verdict(
      TaskPhase phase,
      ResultReason reason,
      String message,
      String conditionReason,
      TaskResult summary) {}

  /** The limit an entrypoint names when it stopped the agent for the pod's deadline. */
  private static final String DEADLINE_LIMIT = "activeDeadlineSeconds";

  /** DisruptionTarget reasons that took the pod from its node (not the Job's own deletion). */
  private static final Set<String> EVICTION_REASONS =
      Set.of(
          "EvictionByEvictionAPI",
          "TerminationByKubelet",
          "PreemptionByScheduler",
          "PreemptionByKubeScheduler",
          "DeletionByTaintManager",
          "DeletionByPodGC");

  private static final Set<String> CONTAINER_START_REASONS =
      Set.of("ContainerCannotRun", "StartError", "CreateContainerError");

  /** git's own words when a host refuses or asks for credentials (git 2.39, GitHub, GitLab). */
  private static final Pattern GIT_AUTH =
      Pattern.compile(
          "Authentication failed|could not read Username|could not read Password|terminal prompts"
              + " disabled|Invalid username or password|HTTP Basic: Access denied|returned error:"
              + " 40[13]|Permission denied \\(publickey|Permission to \\S+ denied|Bad credentials",
          Pattern.CASE_INSENSITIVE);

  private FailureClassifier() {}

  /**
   * How the run ended.
   *
   * @param failed the Job's {@code Failed} condition, or empty when the Job completed
   */
  public static Verdict classify(Task task, Optional<JobCondition> failed, Optional<Pod> pod) {
    Optional<ContainerStateTerminated> agent =
        pod.flatMap(
            p -> terminated(p.getStatus() == null ? null : p.getStatus().getContainerStatuses()));
    Optional<String> summaryText =
        agent.map(ContainerStateTerminated::getMessage).filter(m -> !m.isBlank());
    TaskResult summary = null;
    String summaryProblem = null;
    if (summaryText.isPresent()) {
      try {
        summary = TerminationMessage.parse(summaryText.get());
      } catch (IllegalArgumentException e) {
        summaryProblem = e.getMessage();
      }
    }
    if (failed.isEmpty()) {
      return completed(task, agent, summary, summaryText, summaryProblem);
    }
    return failedRun(task, failed.get(), pod, agent, summary, summaryText, summaryProblem);
  }

  private static Verdict completed(
      Task task,
      Optional<ContainerStateTerminated> agent,
      TaskResult summary,
      Optional<String> summaryText,
      String summaryProblem) {
    if (summaryProblem != null) {
      return new Verdict(
          TaskPhase.Succeeded,
          ResultReason.Unknown,
          "The agent finished, but its result summary could not be read: " + summaryProblem,
          REASON_SUCCEEDED,
          null);
    }
    if (summary != null && !"Succeeded".equals(summary.getOutcome())) {
      // Exit 0 with a failed summary: the summary is the agent's word, never a success.
      return agentFailed(task, agent.get(), summary, summaryText.get(), false);
    }
    String message = "The agent finished.";
    if (summary != null) {
      String agentMessage = TerminationMessage.agentMessage(summaryText.get());
      if (agentMessage != null && !agentMessage.isBlank()) {
        message = "The agent finished: " + firstLine(agentMessage);
      }
    }
    // Without a summary (an image without Axon's entrypoint) the exit status is all there is.
    return new Verdict(
        TaskPhase.Succeeded, ResultReason.Completed, message, REASON_SUCCEEDED, summary);
  }

  private static Verdict failedRun(
      Task task,
      JobCondition failed,
      Optional<Pod> pod,
      Optional<ContainerStateTerminated> agent,
      TaskResult summary,
      Optional<String> summaryText,
      String summaryProblem) {
    Optional<ContainerStateTerminated> clone =
        pod.flatMap(
                p ->
                    terminatedNamed(
                        p.getStatus() == null ? null : p.getStatus().getInitContainerStatuses(),
                        AgentJobBuilder.CLONE_CONTAINER))
            .filter(t -> t.getExitCode() != null && t.getExitCode() != 0);
    if (clone.isPresent()) {
      String output = clone.get().getMessage() == null ? "" : clone.get().getMessage();
      ResultReason reason =
          GIT_AUTH.matcher(output).find() ? ResultReason.GitAuthFailed : ResultReason.CloneFailed;
      return new Verdict(
          TaskPhase.Failed,
          reason,
          "Cloning the workspace failed (exit code %d): %s"
              .formatted(clone.get().getExitCode(), lastLine(output)),
          REASON_CLONE_FAILED,
          null);
    }
    Optional<ContainerStateTerminated> setup =
        pod.flatMap(
                p ->
                    terminatedNamed(
                        p.getStatus() == null ? null : p.getStatus().getInitContainerStatuses(),
                        AgentJobBuilder.SETUP_CONTAINER))
            .filter(t -> t.getExitCode() != null && t.getExitCode() != 0);
    if (setup.isPresent()) {
      return new Verdict(
          TaskPhase.Failed,
          ResultReason.SetupFailed,
          SetupFailure.message(setup.get()),
          REASON_SETUP_FAILED,
          null);
    }
    Optional<ImagePullProblem> imageProblem = pod.flatMap(ImagePullProblem::of);
    if (imageProblem.isPresent()) {
      return failedWith(
          ResultReason.ImageUnavailable, imageProblem.get().describe(), REASON_IMAGE_UNAVAILABLE);
    }
    if (agent.isPresent() && "OOMKilled".equals(agent.get().getReason())) {
      return new Verdict(
          TaskPhase.Failed,
          ResultReason.OOMKilled,
          "The agent was killed for using more memory than its limit (%s)."
              .formatted(memoryLimit(pod.get())),
          REASON_OOM,
          summary);
    }
    Optional<String> eviction =
        pod.flatMap(FailureClassifier::eviction).or(() -> disruptionRecordedByJob(failed));
    if (eviction.isPresent()) {
      return new Verdict(
          TaskPhase.Failed, ResultReason.Evicted, eviction.get(), REASON_AGENT_FAILED, summary);
    }
    boolean deadline =
        "DeadlineExceeded".equals(failed.getReason())
            || pod.map(p -> p.getStatus() == null ? null : p.getStatus().getReason())
                .filter("DeadlineExceeded"::equals)
                .isPresent();
    ResultReason fromSummary = summary == null ? null : fromAgent(summary.getAgentReason());
    boolean agentKnowsWhy =
        fromSummary != null
            && fromSummary != ResultReason.Unknown
            && fromSummary != ResultReason.InfrastructureError;
    if (summary != null && DEADLINE_LIMIT.equals(summary.getLimit())) {
      // The entrypoint stopped the agent just before the deadline to save its work.
      String saved =
          summary.getWipBranch() == null
              ? ""
              : " The work so far is on branch %s.".formatted(summary.getWipBranch());
      return new Verdict(
          TaskPhase.Failed,
          ResultReason.DeadlineExceeded,
          "The Task ran longer than its activeDeadlineSeconds (%s) and was stopped.%s"
              .formatted(task.getSpec().getActiveDeadlineSeconds(), saved),
          REASON_DEADLINE,
          summary);
    }
    if (deadline && !agentKnowsWhy) {
      return new Verdict(
          TaskPhase.Failed,
          ResultReason.DeadlineExceeded,
          "The Task ran longer than its activeDeadlineSeconds (%s) and was stopped."
              .formatted(task.getSpec().getActiveDeadlineSeconds()),
          REASON_DEADLINE,
          summary);
    }
    if (agent.isPresent()) {
      if (summary != null) {
        return agentFailed(task, agent.get(), summary, summaryText.get(), true);
      }
      String exit = "The agent exited with code %d".formatted(agent.get().getExitCode());
      if (CONTAINER_START_REASONS.contains(agent.get().getReason())) {
        return failedWith(
            ResultReason.InfrastructureError,
            "The agent's container could not run (%s): %s"
                .formatted(agent.get().getReason(), lastLine(agent.get().getMessage())),
            REASON_AGENT_FAILED);
      }
      if (summaryProblem != null) {
        return failedWith(
            ResultReason.Unknown,
            exit + "; its result summary could not be read: " + summaryProblem,
            REASON_AGENT_FAILED);
      }
      // The run ended with no final result: incomplete, whatever the exit code says.
      return failedWith(
          ResultReason.Unknown, exit + " without a result summary.", REASON_AGENT_FAILED);
    }
    return failedWith(
        ResultReason.InfrastructureError,
        "The Job failed: %s%s"
            .formatted(
                failed.getReason(), failed.getMessage() == null ? "" : ": " + failed.getMessage()),
        REASON_AGENT_FAILED);
  }

  private static Verdict agentFailed(
      Task task,
      ContainerStateTerminated agent,
      TaskResult summary,
      String summaryText,
      boolean exited) {
    ResultReason reason = fromAgent(summary.getAgentReason());
    if (reason == ResultReason.Completed) {
      reason = ResultReason.Unknown; // a failed outcome that calls itself completed
    }
    String agentMessage = TerminationMessage.agentMessage(summaryText);
    String why = summary.getAgentReason() == null ? "" : " (" + summary.getAgentReason() + ")";
    String exit = "The agent exited with code %d".formatted(agent.getExitCode());
    String message =
        "The agent failed%s: %s"
            .formatted(
                why,
                agentMessage == null || agentMessage.isBlank() ? exit : firstLine(agentMessage));
    return new Verdict(TaskPhase.Failed, reason, message, REASON_AGENT_FAILED, summary);
  }

  /**
   * The class an agent's own reason names: a class name as is (an entrypoint that classified the
   * failure itself), or a known raw reason of Axon's entrypoint or the Claude Code CLI.
   */
  static ResultReason fromAgent(String agentReason) {
    if (agentReason == null) {
      return ResultReason.Unknown;
    }
    Optional<ResultReason> named = ResultReason.named(agentReason.replace("_", ""));
    if (named.isPresent()) {
      return named.get(); // ModelRateLimited, LimitReached, limit_reached, needs_input
    }
    return switch (agentReason.toLowerCase(Locale.ROOT)) {
      case "completed" -> ResultReason.Completed;
      case "error_max_turns", "error_max_budget_usd", "max_turns", "max_budget", "limit" ->
          ResultReason.LimitReached;
      case "gave_up", "agent_gave_up" -> ResultReason.AgentGaveUp;
      case "needs_input", "input_required" -> ResultReason.NeedsInput;
      // Stopped by a signal: the pod was deleted, or its node shut down.
      case "terminated", "invalid_configuration", "agent_not_started" ->
          ResultReason.InfrastructureError;
      // no_result: the run ended without a final result event, an incomplete run.
      default -> ResultReason.Unknown;
    };
  }

  private static Verdict failedWith(ResultReason reason, String message, String conditionReason) {
    return new Verdict(TaskPhase.Failed, reason, message, conditionReason, null);
  }

  /** The kubelet's eviction (pod reason Evicted) or a disruption the API server recorded. */
  private static Optional<String> eviction(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    if ("Evicted".equals(pod.getStatus().getReason())) {
      return Optional.of(
          "The agent's pod was evicted from its node: "
              + Optional.ofNullable(pod.getStatus().getMessage()).orElse("no reason given"));
    }
    List<PodCondition> conditions = pod.getStatus().getConditions();
    if (conditions != null) {
      for (PodCondition condition : conditions) {
        if ("DisruptionTarget".equals(condition.getType())
            && "True".equals(condition.getStatus())
            && EVICTION_REASONS.contains(condition.getReason())) {
          return Optional.of(
              "The agent's pod was disrupted (%s): %s"
                  .formatted(
                      condition.getReason(),
                      Optional.ofNullable(condition.getMessage()).orElse("no message")));
        }
      }
    }
    return Optional.empty();
  }

  /** The Job's pod failure policy matched DisruptionTarget (the pod may be gone by now). */
  private static Optional<String> disruptionRecordedByJob(JobCondition failed) {
    return "PodFailurePolicy".equals(failed.getReason())
            && failed.getMessage() != null
            && failed.getMessage().contains("DisruptionTarget")
        ? Optional.of("The agent's pod was taken from its node: " + failed.getMessage())
        : Optional.empty();
  }

  private static Optional<ContainerStateTerminated> terminated(List<ContainerStatus> statuses) {
    return terminatedNamed(statuses, AgentJobBuilder.AGENT_CONTAINER);
  }

  private static Optional<ContainerStateTerminated> terminatedNamed(
      List<ContainerStatus> statuses, String name) {
    return statuses == null
        ? Optional.empty()
        : statuses.stream()
            .filter(s -> name.equals(s.getName()))
            .findFirst()
            .map(ContainerStatus::getState)
            .map(ContainerState::getTerminated);
  }

  private static String memoryLimit(Pod pod) {
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
      return "unset";
    }
    return pod.getSpec().getContainers().stream()
        .filter(c -> AgentJobBuilder.AGENT_CONTAINER.equals(c.getName()))
        .findFirst()
        .map(c -> c.getResources() == null ? null : c.getResources().getLimits())
        .map(limits -> limits.get("memory"))
        .map(Quantity::toString)
        .orElse("unset");
  }

  private static String firstLine(String text) {
    String trimmed = text.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline);
  }

  private static String lastLine(String text) {
    if (text == null || text.isBlank()) {
      return "no output";
    }
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }
}

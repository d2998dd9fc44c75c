package io.axon.controller.task;

import io.axon.controller.job.AgentJobBuilder;
import io.axon.controller.job.ContainerEnv;
import io.axon.controller.job.JobNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the Job {@link AgentJobBuilder} builds for a Task into the Job of one attempt: a pod
 * failure policy that records a disruption (every attempt), and for a later attempt its own name
 * ({@link JobNames#forAttempt}), and, when the previous attempt's work was salvaged to a branch,
 * that branch checked out by the clone and named to the agent at the end of its prompt. The note is
 * appended literally: the prompt is never a template.
 */
final class AttemptJobs {
  static final String ATTEMPT_ANNOTATION = "axon.io/attempt";
  private static final String REF_VARIABLE = "AXON_REF";

  /**
   * A pod taken from its node (eviction, preemption, a drain, a lost node: the DisruptionTarget
   * condition) fails the Job with reason PodFailurePolicy, naming the condition: the Job keeps that
   * record even when the pod itself is already gone, so the attempt is classed Evicted.
   */
  static final PodFailurePolicy DISRUPTION_FAILS_THE_JOB =
      new PodFailurePolicyBuilder()
          .addNewRule()
          .withAction("FailJob")
          .addNewOnPodCondition()
          .withType("DisruptionTarget")
          .withStatus("True")
          .endOnPodCondition()
          .endRule()
          .build();

  private AttemptJobs() {}

  static Job forAttempt(
      Job job, String taskName, int attempt, String previousReason, Optional<String> wipBranch) {
    job.getSpec().setPodFailurePolicy(DISRUPTION_FAILS_THE_JOB);
    if (attempt <= 1) {
      return job;
    }
    job.getMetadata().setName(JobNames.forAttempt(taskName, attempt));
    Map<String, String> annotations = new LinkedHashMap<>();
    if (job.getMetadata().getAnnotations() != null) {
      annotations.putAll(job.getMetadata().getAnnotations());
    }
    annotations.put(ATTEMPT_ANNOTATION, Integer.toString(attempt));
    job.getMetadata().setAnnotations(annotations);

    Optional<Container> clone =
        job.getSpec().getTemplate().getSpec().getInitContainers().stream()
            .filter(c -> AgentJobBuilder.CLONE_CONTAINER.equals(c.getName()))
            .findFirst();
    if (wipBranch.isEmpty() || clone.isEmpty()) {
      return job;
    }
    clone.get().getEnv().removeIf(e -> REF_VARIABLE.equals(e.getName()));
    clone.get().getEnv().add(ContainerEnv.literal(REF_VARIABLE, wipBranch.get()));
    Map<String, String> podAnnotations =
        new LinkedHashMap<>(job.getSpec().getTemplate().getMetadata().getAnnotations());
    podAnnotations.put(
        AgentJobBuilder.PROMPT_ANNOTATION,
        podAnnotations.get(AgentJobBuilder.PROMPT_ANNOTATION)
            + note(attempt, previousReason, wipBranch.get()));
    job.getSpec().getTemplate().getMetadata().setAnnotations(podAnnotations);
    return job;
  }

  static String note(int attempt, String previousReason, String wipBranch) {
    return "\n\n---\nNote from Axon: this is attempt "
        + attempt
        + " at this task. The previous attempt was stopped ("
        + previousReason
        + ") before it finished; its work so far is on the branch "
        + wipBranch
        + ", which is checked out in your workspace. Carry on from there: do not start over.\n";
  }
}

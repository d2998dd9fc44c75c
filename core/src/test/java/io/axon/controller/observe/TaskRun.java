package io.axon.controller.observe;

import static io.axon.controller.AgentPodStatuses.terminated;
import static io.axon.controller.ControllerHarness.awaitTask;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Plays the kubelet and the Job controller for one Task on the mock API server: creates the pod,
 * then moves pod and Job through the phases a real cluster would, waiting for the Task to follow.
 */
final class TaskRun {
  static final String NS = Fixtures.NAMESPACE;

  /** A result summary like the claude-code entrypoint writes as its termination message. */
  static final String SUCCESS_SUMMARY =
      "{\"outcome\":\"Succeeded\",\"message\":\"PR created: https://github.com/o/r/pull/7\","
          + "\"turns\":8,\"costUSD\":0.1234,\"inputTokens\":1200,\"outputTokens\":340,"
          + "\"model\":\"claude-sonnet-4-20250514\","
          + "\"branch\":\"fix-42\",\"commit\":\"abc123\",\"pullRequestURL\":\"https://github.com/o/r/pull/7\"}";

  static final String MAX_TURNS_SUMMARY =
      "{\"outcome\":\"Failed\",\"reason\":\"error_max_turns\","
          + "\"message\":\"Reached maximum number of turns (1)\",\"turns\":2,\"costUSD\":0.01,"
          + "\"inputTokens\":100,\"outputTokens\":20}";

  private final KubernetesClient client;
  private final String name;
  private Pod pod;

  private TaskRun(KubernetesClient client, String name) {
    this.client = client;
    this.name = name;
  }

  /** Creates the Task and waits until it is Pending with its Job. */
  static TaskRun start(KubernetesClient client, Task task) {
    task.getMetadata().setUid(null);
    client.resources(Task.class).resource(task).create();
    TaskRun run = new TaskRun(client, task.getMetadata().getName());
    run.await(TaskPhase.Pending);
    return run;
  }

  Task running() {
    Job job = job();
    pod =
        client
            .pods()
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(name + "-pod")
                    .withNamespace(NS)
                    .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                    .addNewOwnerReference()
                    .withApiVersion("batch/v1")
                    .withKind("Job")
                    .withName(job.getMetadata().getName())
                    .withUid(job.getMetadata().getUid())
                    .withController(true)
                    .endOwnerReference()
                    .endMetadata()
                    .withSpec(job.getSpec().getTemplate().getSpec())
                    .build())
            .create();
    setPodStatus(
        new PodStatusBuilder()
            .withPhase("Running")
            .withStartTime("2026-11-23T10:00:00Z")
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("agent")
                    .withNewState()
                    .withNewRunning()
                    .withStartedAt("2026-11-23T10:00:05Z")
                    .endRunning()
                    .endState()
                    .build())
            .build());
    return await(TaskPhase.Running);
  }

  /** The agent exits 0 with this summary; the Job completes five minutes after the start. */
  Task succeeded(String summary) {
    setPodStatus(terminated("Succeeded", 0, null, summary));
    setJobStatus("Complete", null);
    return await(TaskPhase.Succeeded);
  }

  /** The agent exits 1 with this summary; the Job fails. */
  Task failed(String summary) {
    setPodStatus(terminated("Failed", 1, "Error", summary));
    setJobStatus("Failed", "BackoffLimitExceeded");
    return await(TaskPhase.Failed);
  }

  Task await(TaskPhase phase) {
    return awaitTask(
        client,
        name,
        t -> t.getStatus() != null && t.getStatus().getPhase() == phase,
        name + " " + phase);
  }

  private Job job() {
    awaitTask(
        client,
        name,
        t -> t.getStatus() != null && t.getStatus().getJobName() != null,
        name + " has a Job");
    return client.batch().v1().jobs().inNamespace(NS).withName(name).get();
  }

  private void setPodStatus(PodStatus status) {
    Pod current = client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).get();
    current.setStatus(status);
    client.pods().resource(current).updateStatus();
  }

  private void setJobStatus(String condition, String reason) {
    Job current = job();
    current.setStatus(
        new JobStatusBuilder()
            .withStartTime("2026-11-23T10:00:00Z")
            .withCompletionTime("Complete".equals(condition) ? "2026-11-23T10:05:05Z" : null)
            .withConditions(
                new JobConditionBuilder()
                    .withType(condition)
                    .withStatus("True")
                    .withReason(reason)
                    .withLastTransitionTime("2026-11-23T10:05:05Z")
                    .build())
            .build());
    client.batch().v1().jobs().resource(current).updateStatus();
  }
}

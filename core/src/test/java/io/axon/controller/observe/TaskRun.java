package io.axon.controller.observe;

import static io.axon.controller.AgentPodStatuses.terminated;
import static io.axon.controller.ControllerHarness.awaitTask;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.AgentPodStatuses;
import io.axon.controller.Fixtures;
import io.axon.controller.MockKubelet;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
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
  private final MockKubelet kubelet;
  private final String name;
  private Pod pod;

  private TaskRun(KubernetesClient client, String name) {
    this.client = client;
    this.kubelet = new MockKubelet(client);
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
    pod = kubelet.createPod(job(), name + "-pod");
    kubelet.setPodStatus(pod, AgentPodStatuses.running());
    return await(TaskPhase.Running);
  }

  /** The agent exits 0 with this summary; the Job completes five minutes after the start. */
  Task succeeded(String summary) {
    kubelet.setPodStatus(pod, terminated("Succeeded", 0, null, summary));
    kubelet.setJobStatus(job(), "Complete", null);
    return await(TaskPhase.Succeeded);
  }

  /** The agent exits 1 with this summary; the Job fails. */
  Task failed(String summary) {
    kubelet.setPodStatus(pod, terminated("Failed", 1, "Error", summary));
    kubelet.setJobStatus(job(), "Failed", "BackoffLimitExceeded");
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
}

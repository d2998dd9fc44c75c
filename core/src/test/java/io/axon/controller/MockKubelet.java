package io.axon.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Plays the Job controller and the kubelet on the mock API server, which runs neither: creates a
 * Job's pod and writes the pod and Job statuses a real cluster would.
 */
public final class MockKubelet {
  private final KubernetesClient client;

  public MockKubelet(KubernetesClient client) {
    this.client = client;
  }

  /** Creates the pod the Job controller would: the Job's template, owned by the Job. */
  public Pod createPod(Job job, String name) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(job.getMetadata().getNamespace())
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
            .build();
    return client.pods().resource(pod).create();
  }

  public void setPodStatus(Pod pod, PodStatus status) {
    Pod current =
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .get();
    current.setStatus(status);
    client.pods().resource(current).updateStatus();
  }

  /**
   * The Job ended with this condition ({@code Complete} or {@code Failed}) and reason: started at
   * 10:00:00, ended at 10:05:05, five minutes after the agent started (see {@link
   * AgentPodStatuses#running}).
   */
  public void setJobStatus(Job job, String condition, String reason) {
    Job current =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(job.getMetadata().getNamespace())
            .withName(job.getMetadata().getName())
            .get();
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

package io.axon.controller.task;

import static io.axon.controller.AgentPodStatuses.terminated;
import static io.axon.controller.ControllerHarness.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ResultReason;
import io.axon.api.v1alpha1.RetrySpec;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.controller.MockKubelet;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Task deleted while it waits out its retry backoff gets no next attempt. Proven without a fixed
 * wait: a second Task whose backoff is four times longer, failed after the deletion, gets its next
 * Job; by then the deleted Task's requeue has long come and gone.
 */
@EnableKubernetesMockClient(crud = true)
class DeletedTaskIsNotRetriedTest {
  static final String NS = Fixtures.NAMESPACE;
  static final String RATE_LIMITED =
      "{\"outcome\":\"Failed\",\"reason\":\"ModelRateLimited\",\"message\":\"API Error: 429\"}";
  KubernetesClient client;
  ControllerHarness harness;
  MockKubelet kubelet;

  @BeforeEach
  void start() {
    kubelet = new MockKubelet(client);
    harness = new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aTaskDeletedDuringItsBackoffGetsNoNextAttempt() {
    create(retrying("gone", "1s"));
    failFirstAttempt("gone");
    client.resources(Task.class).inNamespace(NS).withName("gone").delete();

    create(retrying("canary", "4s"));
    failFirstAttempt("canary");
    ControllerHarness.awaitTask(
        client,
        "canary",
        t -> t.getStatus() != null && "canary-attempt-2".equals(t.getStatus().getJobName()),
        "canary's second attempt");

    assertThat(jobs())
        .extracting(j -> j.getMetadata().getName())
        .containsExactlyInAnyOrder("gone", "canary", "canary-attempt-2");
  }

  private void failFirstAttempt(String name) {
    awaitTask(
        client,
        name,
        t -> t.getStatus() != null && t.getStatus().getPhase() == TaskPhase.Pending,
        name + " Pending");
    Job job = client.batch().v1().jobs().inNamespace(NS).withName(name).get();
    kubelet.setPodStatus(
        kubelet.createPod(job, name + "-1"), terminated("Failed", 1, "Error", RATE_LIMITED));
    kubelet.setJobStatus(job, "Failed", "BackoffLimitExceeded");
    awaitTask(
        client,
        name,
        t -> t.getStatus() != null && Integer.valueOf(2).equals(t.getStatus().getAttempt()),
        name + "'s retry scheduled");
  }

  private static Task retrying(String name, String backoff) {
    Task task = Fixtures.task(name);
    RetrySpec retry = new RetrySpec();
    retry.setOnReasons(List.of(ResultReason.ModelRateLimited));
    retry.setBackoff(backoff);
    task.getSpec().setRetry(retry);
    return task;
  }

  private void create(Task task) {
    task.getMetadata().setUid(null);
    client.resources(Task.class).resource(task).create();
  }

  private List<Job> jobs() {
    return client.batch().v1().jobs().inNamespace(NS).list().getItems();
  }
}

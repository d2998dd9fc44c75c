package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.axon.controller.runtime.ResourceCache;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Once a Task has finished, the controller's caches hold neither its Pod nor its Job (they stay on
 * the API server), also after a restart, while a running Task's are held; the finished Task's
 * status is what it was, and later changes to the Task do not rewrite it.
 */
class FinishedTaskLeavesTheCacheIT {
  static final String NS = "evict";
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension static final KwokControlPlane cluster = new KwokControlPlane(NS);

  @Test
  void aFinishedTasksPodAndJobAreNoLongerHeldButARunningTasksAre() {
    cluster.pods.keepRunning("runs");
    cluster.client.resource(Fixtures.task(NS, "runs")).create();
    cluster.client.resource(Fixtures.task(NS, "done")).create();

    awaitPhase("done", TaskPhase.Succeeded);
    awaitPhase("runs", TaskPhase.Running);
    ResourceCache cache = cluster.controller.harness.controller().cache();
    Eventually.await(
        TIMEOUT,
        "the finished Task's Pod and Job dropped from the cache",
        () -> cache.podsOfTask(NS + "/done").size() + cache.jobsOfTask(NS + "/done").size(),
        held -> held == 0);
    Task done = cluster.client.resources(Task.class).inNamespace(NS).withName("done").get();
    assertThat(cache.podsOfTask(NS + "/runs")).as("the running Task's pod").hasSize(1);
    assertThat(cache.jobsOfTask(NS + "/runs")).as("the running Task's Job").hasSize(1);
    assertThat(cluster.client.pods().inNamespace(NS).withName(done.getStatus().getPodName()).get())
        .as("the finished Task's pod, still on the API server")
        .isNotNull();

    // A change to the finished Task reconciles it again without its Pod: its status stands.
    long writesBefore = statusWrites("done");
    cluster
        .client
        .resources(Task.class)
        .inNamespace(NS)
        .withName("done")
        .edit(
            t -> {
              t.getMetadata().setLabels(Map.of("touched", "yes"));
              return t;
            });
    Eventually.await(
        TIMEOUT,
        "the label in the controller's cache",
        () -> cache.task(NS + "/done").orElseThrow().getMetadata().getLabels(),
        labels -> labels != null && "yes".equals(labels.get("touched")));
    Task after = cluster.client.resources(Task.class).inNamespace(NS).withName("done").get();
    assertThat(Serialization.asJson(after.getStatus()))
        .isEqualTo(Serialization.asJson(done.getStatus()));
    assertThat(after.getStatus().getMessage()).isEqualTo("The agent finished.");
    assertThat(statusWrites("done")).isEqualTo(writesBefore);
  }

  @Test
  void aRestartedControllerHoldsNoPodOrJobOfTasksFinishedBefore() {
    cluster.client.resource(Fixtures.task(NS, "before-restart")).create();
    awaitPhase("before-restart", TaskPhase.Succeeded);

    try (ControllerInstance restarted = new ControllerInstance(cluster.plane)) {
      ResourceCache cache = restarted.harness.controller().cache();
      Eventually.await(
          TIMEOUT,
          "no Pod or Job of the finished Task after the restart's sync",
          () ->
              cache.podsOfTask(NS + "/before-restart").size()
                  + cache.jobsOfTask(NS + "/before-restart").size(),
          held -> held == 0);
      assertThat(
              cluster
                  .client
                  .resources(Task.class)
                  .inNamespace(NS)
                  .withName("before-restart")
                  .get()
                  .getStatus()
                  .getPhase())
          .isEqualTo(TaskPhase.Succeeded);
    }
  }

  static long statusWrites(String name) {
    return cluster.controller.requests.count(
        c ->
            c.resource().equals("tasks/status")
                && c.name().equals(name)
                && !c.method().equals("GET"));
  }

  static Task awaitPhase(String name, TaskPhase phase) {
    return Eventually.await(
        TIMEOUT,
        "Task " + name + " " + phase,
        () -> cluster.client.resources(Task.class).inNamespace(NS).withName(name).get(),
        t -> t.getStatus() != null && t.getStatus().getPhase() == phase);
  }
}

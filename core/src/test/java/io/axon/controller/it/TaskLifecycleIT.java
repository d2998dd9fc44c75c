package io.axon.controller.it;

import static io.axon.controller.it.KubernetesEvents.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.axon.controller.observe.EventRecorder;
import io.axon.controller.task.TaskTransition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The controller against a real control plane that runs Jobs: kube-controller-manager creates the
 * pods, kube-scheduler places them on a kwok node, kwok plays them Running then Succeeded or
 * Failed, and the garbage collector deletes what a deleted Task owned. The namespace enforces the
 * "restricted" Pod Security Standard, so every agent pod is checked against it by the server. The
 * controller runs as the {@code axon-controller} user with only the shipped RBAC, which must let it
 * record the Kubernetes Events that tell each run's story.
 */
class TaskLifecycleIT {
  static final String NS = "lifecycle";
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension
  static final KwokControlPlane cluster =
      new KwokControlPlane(
          NS,
          Map.of(
              "pod-security.kubernetes.io/enforce", "restricted",
              "pod-security.kubernetes.io/enforce-version", "latest"));

  @Test
  void aTaskRunsToSucceededThroughARealJobAndPod() {
    Instant before = Instant.now().minusSeconds(1);
    create("hello");

    Job job = awaitJob("hello");
    Task task = get("hello");
    assertThat(job.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            ref -> {
              assertThat(ref.getUid()).isEqualTo(task.getMetadata().getUid());
              assertThat(ref.getController()).isTrue();
            });
    assertThat(job.getMetadata().getLabels()).containsEntry(ApiGroup.TASK_LABEL, "hello");

    Task done = awaitPhase("hello", TaskPhase.Succeeded);
    Pod pod = cluster.client.pods().inNamespace(NS).withName(done.getStatus().getPodName()).get();
    assertThat(pod).as("the pod the status names").isNotNull();
    assertThat(pod.getMetadata().getOwnerReferences().get(0).getUid())
        .isEqualTo(job.getMetadata().getUid());
    assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
    assertThat(done.getStatus().getJobName()).isEqualTo("hello");
    assertThat(Instant.parse(done.getStatus().getStartTime())).isAfter(before);
    assertThat(Instant.parse(done.getStatus().getCompletionTime()))
        .isAfterOrEqualTo(Instant.parse(done.getStatus().getStartTime()));
    assertThat(done.getStatus().getMessage()).isEqualTo("The agent finished.");
    assertThat(phases("hello"))
        .containsSubsequence(TaskPhase.Pending, TaskPhase.Running, TaskPhase.Succeeded);

    // What the happy path cost in writes: one Job, and a status write per change the user sees.
    long jobCreates = count("POST", "jobs", "hello");
    long statusWrites = count("PUT", "tasks/status", "hello");
    System.out.printf(
        "[writes] Task hello: %d Job create(s), %d status write(s) %s%n",
        jobCreates, statusWrites, phases("hello"));
    assertThat(
            cluster
                .client
                .batch()
                .v1()
                .jobs()
                .inNamespace(NS)
                .withLabel(ApiGroup.TASK_LABEL, "hello")
                .list()
                .getItems())
        .hasSize(1);
    // One Job, then Pending, Running, Succeeded: four writes (fewer if phases pass unseen).
    assertThat(jobCreates).isEqualTo(1);
    assertThat(jobCreates + statusWrites).isLessThanOrEqualTo(4);
  }

  @Test
  void aFailingAgentFailsTheTaskWithItsOwnMessage() {
    cluster.pods.fail(
        "fails",
        1,
        "Error",
        "{\"outcome\":\"Failed\",\"reason\":\"error_max_turns\","
            + "\"message\":\"Reached maximum number of turns (1)\",\"turns\":2}");
    create("fails");

    Task failed = awaitPhase("fails", TaskPhase.Failed);

    assertThat(failed.getStatus().getMessage())
        .isEqualTo("The agent failed (error_max_turns): Reached maximum number of turns (1)");
    assertThat(failed.getStatus().getResult().getReason()).isEqualTo("LimitReached");
    assertThat(failed.getStatus().getResult().getAgentReason()).isEqualTo("error_max_turns");
    assertThat(failed.getStatus().getResult().getTurns()).isEqualTo(2);
    assertThat(failed.getStatus().getCompletionTime()).isNotNull();
    assertThat(failed.getStatus().getPodName()).isNotNull();
    Job job = cluster.client.batch().v1().jobs().inNamespace(NS).withName("fails").get();
    assertThat(job.getStatus().getConditions())
        .anyMatch(c -> c.getType().equals("Failed") && c.getStatus().equals("True"));
  }

  @Test
  void eachRunLeavesKubernetesEventsOnItsTask() {
    cluster.pods.runFor("told-ok", "2s");
    cluster.pods.fail(
        "told-failed",
        1,
        "Error",
        "{\"outcome\":\"Failed\",\"reason\":\"error_during_execution\","
            + "\"message\":\"The agent crashed\"}");
    create("told-ok");
    create("told-failed");
    Task succeeded = awaitPhase("told-ok", TaskPhase.Succeeded);
    Task failed = awaitPhase("told-failed", TaskPhase.Failed);

    List<Event> ok =
        KubernetesEvents.await(
            cluster.client, succeeded, TIMEOUT, "Succeeded", e -> reasons(e).contains("Succeeded"));
    assertThat(reasons(ok)).containsExactly("JobCreated", "Started", "Succeeded");
    assertThat(ok).extracting(Event::getType).containsOnly("Normal");
    assertThat(ok)
        .extracting(Event::getMessage)
        .containsExactly(
            "Created Job told-ok to run the claude-code agent.",
            "The agent started in pod " + succeeded.getStatus().getPodName() + ".",
            "The agent finished.");
    for (Event event : ok) {
      assertRefersTo(event, succeeded);
    }

    List<Event> bad =
        KubernetesEvents.await(
            cluster.client, failed, TIMEOUT, "Failed", e -> reasons(e).contains("Failed"));
    // Whether the failing pod is seen Running (the Started Event) depends on timing.
    assertThat(reasons(bad)).startsWith("JobCreated").endsWith("Failed");
    assertThat(reasons(bad)).isSubsetOf("JobCreated", "Started", "Failed").doesNotHaveDuplicates();
    Event failure = bad.get(bad.size() - 1);
    assertThat(failure.getType()).isEqualTo("Warning");
    assertThat(failure.getMessage())
        .isEqualTo("The agent failed (error_during_execution): The agent crashed (reason: Unknown)")
        .isEqualTo(failed.getStatus().getMessage() + " (reason: Unknown)");
    assertThat(bad.subList(0, bad.size() - 1)).extracting(Event::getType).containsOnly("Normal");
    for (Event event : bad) {
      assertRefersTo(event, failed);
    }

    // kubectl events reads events.k8s.io/v1: the same Events, regarding the Task.
    var regarding = KubernetesEvents.regarding(cluster.client, succeeded);
    assertThat(regarding)
        .extracting(e -> e.getReason() + "/" + e.getType() + ": " + e.getNote())
        .containsExactlyElementsOf(
            ok.stream()
                .map(e -> e.getReason() + "/" + e.getType() + ": " + e.getMessage())
                .toList());
    assertThat(regarding)
        .allSatisfy(
            e -> {
              assertThat(e.getRegarding().getKind()).isEqualTo("Task");
              assertThat(e.getRegarding().getName()).isEqualTo("told-ok");
              assertThat(e.getReportingController()).isEqualTo(EventRecorder.COMPONENT);
            });
    assertThat(
            cluster.controller.requests.count(
                c -> c.resource().equals("events") && c.code() >= 300))
        .as("Event writes the API server refused")
        .isZero();
  }

  static void assertRefersTo(Event event, Task task) {
    assertThat(event.getMetadata().getNamespace()).isEqualTo(NS);
    assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo(ApiGroup.API_VERSION);
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("Task");
    assertThat(event.getInvolvedObject().getNamespace()).isEqualTo(NS);
    assertThat(event.getInvolvedObject().getName()).isEqualTo(task.getMetadata().getName());
    assertThat(event.getInvolvedObject().getUid()).isEqualTo(task.getMetadata().getUid());
    assertThat(event.getSource().getComponent()).isEqualTo(EventRecorder.COMPONENT);
    assertThat(event.getReportingComponent()).isEqualTo(EventRecorder.COMPONENT);
    assertThat(event.getReportingInstance()).isEqualTo(cluster.controller.identity());
    assertThat(event.getCount()).isEqualTo(1);
  }

  @Test
  void deletingATaskGarbageCollectsItsJobAndPod() {
    cluster.pods.keepRunning("doomed");
    create("doomed");
    Task running = awaitPhase("doomed", TaskPhase.Running);
    String podName = running.getStatus().getPodName();
    assertThat(cluster.client.pods().inNamespace(NS).withName(podName).get()).isNotNull();

    cluster.client.resources(Task.class).inNamespace(NS).withName("doomed").delete();

    Eventually.await(
        TIMEOUT,
        "Job and pod of the deleted Task to be garbage-collected",
        () ->
            cluster.client.batch().v1().jobs().inNamespace(NS).withName("doomed").get() == null
                && cluster.client.pods().inNamespace(NS).withName(podName).get() == null,
        gone -> gone);
    Eventually.sleep(1000);
    assertThat(cluster.client.batch().v1().jobs().inNamespace(NS).withName("doomed").get())
        .as("the controller does not re-create the Job of a deleted Task")
        .isNull();
  }

  @Test
  void statusWritesSurviveAConcurrentWriter() throws Exception {
    // Whether a given status write races the other writer is chance: contest Tasks until some
    // write has been refused (almost always the first), each of which must still end right.
    long conflicts = 0;
    for (int attempt = 1; attempt <= 5 && conflicts == 0; attempt++) {
      conflicts = contest("contested-" + attempt);
    }
    assertThat(conflicts).as("status writes refused for a stale resourceVersion").isPositive();
  }

  /** Runs a Task while four threads keep changing its metadata; returns the 409s it caused. */
  static long contest(String name) throws Exception {
    // The pod runs 3 s, so the controller writes its status while the other writers are busy.
    cluster.pods.runFor(name, "3s");
    create(name);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger bumps = new AtomicInteger();
    List<CompletableFuture<Void>> writers = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 4; i++) {
      writers.add(
          CompletableFuture.runAsync(
              () -> {
                while (!stop.get()) {
                  // A merge patch without resourceVersion: it always wins, and bumps the version.
                  cluster
                      .client
                      .resources(Task.class)
                      .inNamespace(NS)
                      .withName(name)
                      .patch(
                          PatchContext.of(PatchType.JSON_MERGE),
                          "{\"metadata\":{\"annotations\":{\"bump\":\""
                              + bumps.incrementAndGet()
                              + "\"}}}");
                }
              },
              threads));
    }
    try {
      Task done = awaitPhase(name, TaskPhase.Succeeded);
      assertThat(done.getStatus().getStartTime()).isNotNull();
      assertThat(done.getStatus().getCompletionTime()).isNotNull();
      assertThat(done.getStatus().getPodName()).isNotNull();
    } finally {
      stop.set(true);
      for (CompletableFuture<Void> writer : writers) {
        writer.get();
      }
      threads.shutdown();
    }
    // Level-based: a phase lost to conflicts is skipped, never written after a later one.
    assertThat(phases(name)).endsWith(TaskPhase.Succeeded).doesNotHaveDuplicates();
    long conflicts = count("PUT", "tasks/status", name, 409);
    System.out.printf(
        "[conflicts] %s: %d metadata writes by others; the controller's status writes: %d refused (409), %d accepted%n",
        name, bumps.get(), conflicts, count("PUT", "tasks/status", name, 200));
    return conflicts;
  }

  // ---- helpers --------------------------------------------------------------------------------

  static void create(String name) {
    cluster.client.resource(Fixtures.task(NS, name)).create();
  }

  static Task get(String name) {
    return cluster.client.resources(Task.class).inNamespace(NS).withName(name).get();
  }

  static Job awaitJob(String name) {
    return Eventually.await(
        TIMEOUT,
        "Job " + name,
        () -> cluster.client.batch().v1().jobs().inNamespace(NS).withName(name).get(),
        job -> true);
  }

  static Task awaitPhase(String name, TaskPhase phase) {
    return Eventually.await(
        TIMEOUT,
        "Task " + name + " " + phase,
        () -> get(name),
        t -> t.getStatus() != null && t.getStatus().getPhase() == phase);
  }

  static List<TaskPhase> phases(String name) {
    return cluster.controller.harness.transitions.stream()
        .filter(t -> t.task().getMetadata().getName().equals(name))
        .filter(TaskTransition::phaseChanged)
        .map(t -> t.current().getPhase())
        .toList();
  }

  static long count(String method, String resource, String name) {
    return cluster.controller.requests.count(
        c ->
            c.method().equals(method)
                && c.resource().equals(resource)
                && c.name().equals(name)
                && c.code() < 300);
  }

  static long count(String method, String resource, String name, int code) {
    return cluster.controller.requests.count(
        c ->
            c.method().equals(method)
                && c.resource().equals(resource)
                && c.name().equals(name)
                && c.code() == code);
  }
}

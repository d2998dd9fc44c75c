package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.ResultReason;
import io.axon.api.v1alpha1.RetrySpec;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskAttempt;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.retry} against a real control plane that runs Jobs (kube-controller-manager,
 * kube-scheduler, kwok): a failed attempt of a listed class gets one new Job per attempt, after its
 * backoff, never while the last one still runs, and a controller restarted between attempts creates
 * no second Job; a class not listed ends the Task at once.
 */
class RetriesByFailureClassIT {
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static final String RATE_LIMITED =
      "{\"outcome\":\"Failed\",\"reason\":\"ModelRateLimited\",\"message\":\"API Error: Request"
          + " rejected (429) · Number of requests has exceeded your rate limit\"}";
  static final String RATE_LIMITED_WORK_SAVED =
      "{\"outcome\":\"Failed\",\"reason\":\"ModelRateLimited\",\"message\":\"API Error: Request"
          + " rejected (429)\",\"wipBranch\":\"axon/flaky-wip\"}";
  static final String AUTH_FAILED =
      "{\"outcome\":\"Failed\",\"reason\":\"ModelAuthFailed\",\"message\":\"Invalid API key\"}";

  static ControlPlane plane;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aRateLimitedAttemptIsRetriedWithANewJobEvenAcrossAControllerRestart() {
    String ns = plane.createNamespace("retry");
    try (KwokPods pods = new KwokPods(client, ns)) {
      pods.fail("flaky", 1, "Error", RATE_LIMITED_WORK_SAVED);
      ControllerInstance first = new ControllerInstance(plane);
      Workspace workspace = Fixtures.workspace("repo");
      workspace.getMetadata().setNamespace(ns);
      workspace.getSpec().setSecretRef(null); // kwok clones nothing; no token to check
      client.resource(workspace).create();
      Task flaky = task(ns, "flaky", 3, "3s", ResultReason.ModelRateLimited);
      flaky.getSpec().setWorkspaceRef(new LocalObjectReference("repo"));
      client.resource(flaky).create();

      Task waiting =
          Eventually.await(
              TIMEOUT, "attempt 2 scheduled", () -> get(ns, "flaky"), t -> attempt(t) == 2);
      first.kill(); // between attempts: the next controller must carry on, not start over
      assertThat(waiting.getStatus().getPhase()).isEqualTo(TaskPhase.Pending);
      assertThat(waiting.getStatus().getNextAttemptTime()).isNotNull();
      assertThat(waiting.getStatus().getMessage())
          .startsWith("Attempt 1 of 3 failed (ModelRateLimited): The agent failed");
      assertThat(waiting.getStatus().getAttempts())
          .extracting(TaskAttempt::getAttempt, TaskAttempt::getJobName, TaskAttempt::getReason)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "flaky", "ModelRateLimited"));

      try (ControllerInstance second = new ControllerInstance(plane)) {
        Job secondAttempt =
            Eventually.await(
                TIMEOUT,
                "attempt 2's Job",
                () -> client.batch().v1().jobs().inNamespace(ns).withName("flaky-attempt-2").get(),
                j -> j != null);
        // It starts from the branch the first attempt's work was saved to, and is told so.
        var template = secondAttempt.getSpec().getTemplate();
        assertThat(template.getSpec().getInitContainers().get(0).getEnv())
            .filteredOn(e -> "AXON_REF".equals(e.getName()))
            .extracting(e -> e.getValue())
            .containsExactly("axon/flaky-wip");
        assertThat(template.getMetadata().getAnnotations().get("axon.io/prompt"))
            .startsWith(flaky.getSpec().getPrompt())
            .contains("this is attempt 2", "on the branch axon/flaky-wip");
        Eventually.await(
            TIMEOUT, "attempt 3 scheduled", () -> get(ns, "flaky"), t -> attempt(t) == 3);
        pods.succeed("flaky");
        Task done =
            Eventually.await(
                TIMEOUT,
                "Succeeded on attempt 3",
                () -> get(ns, "flaky"),
                t -> t.getStatus() != null && t.getStatus().getPhase() == TaskPhase.Succeeded);

        assertThat(done.getStatus().getAttempt()).isEqualTo(3);
        assertThat(done.getStatus().getJobName()).isEqualTo("flaky-attempt-3");
        assertThat(done.getStatus().getNextAttemptTime()).isNull();
        assertThat(done.getStatus().getResult().getReason()).isEqualTo("Completed");
        assertThat(done.getStatus().getAttempts())
            .extracting(TaskAttempt::getJobName, TaskAttempt::getReason)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("flaky", "ModelRateLimited"),
                org.assertj.core.groups.Tuple.tuple("flaky-attempt-2", "ModelRateLimited"));

        List<Job> jobs = jobs(ns);
        assertThat(jobs)
            .as("one Job per attempt, the old ones kept")
            .extracting(j -> j.getMetadata().getName())
            .containsExactly("flaky", "flaky-attempt-2", "flaky-attempt-3");
        assertThat(second.requests.count("POST", "jobs", 409))
            .as("the restarted controller never tried to create a Job twice")
            .isZero();
        for (int i = 1; i < jobs.size(); i++) {
          Instant previousFailed = Instant.parse(failedAt(jobs.get(i - 1)));
          Instant nextCreated = Instant.parse(jobs.get(i).getMetadata().getCreationTimestamp());
          assertThat(Duration.between(previousFailed, nextCreated))
              .as("attempt %d starts after attempt %d ended and its backoff passed", i + 1, i)
              .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
      }
    }
  }

  @Test
  void aClassNotListedEndsTheTaskWithoutAnotherAttempt() {
    String ns = plane.createNamespace("no-retry");
    try (KwokPods pods = new KwokPods(client, ns);
        ControllerInstance controller = new ControllerInstance(plane)) {
      pods.fail("bad-key", 1, "Error", AUTH_FAILED);
      client.resource(task(ns, "bad-key", 3, "1s", ResultReason.ModelRateLimited)).create();

      Task failed =
          Eventually.await(
              TIMEOUT,
              "Failed",
              () -> get(ns, "bad-key"),
              t -> t.getStatus() != null && t.getStatus().getPhase() == TaskPhase.Failed);

      assertThat(failed.getStatus().getResult().getReason()).isEqualTo("ModelAuthFailed");
      assertThat(failed.getStatus().getResult().getAdvice())
          .isEqualTo(ResultReason.ModelAuthFailed.advice());
      assertThat(failed.getStatus().getAttempts()).isEmpty();
      assertThat(failed.getStatus().getAttempt()).isNull();
      assertThat(jobs(ns)).extracting(j -> j.getMetadata().getName()).containsExactly("bad-key");
    }
  }

  @Test
  void theLastAllowedAttemptEndsTheTaskFailed() {
    String ns = plane.createNamespace("exhausted");
    try (KwokPods pods = new KwokPods(client, ns);
        ControllerInstance controller = new ControllerInstance(plane)) {
      pods.fail("down", 1, "Error", RATE_LIMITED);
      client.resource(task(ns, "down", 2, "1s", ResultReason.ModelRateLimited)).create();

      Task failed =
          Eventually.await(
              TIMEOUT,
              "Failed",
              () -> get(ns, "down"),
              t -> t.getStatus() != null && t.getStatus().getPhase() == TaskPhase.Failed);

      assertThat(failed.getStatus().getAttempt()).isEqualTo(2);
      assertThat(failed.getStatus().getJobName()).isEqualTo("down-attempt-2");
      assertThat(failed.getStatus().getResult().getReason()).isEqualTo("ModelRateLimited");
      assertThat(failed.getStatus().getAttempts()).hasSize(1);
      assertThat(jobs(ns))
          .extracting(j -> j.getMetadata().getName())
          .containsExactly("down", "down-attempt-2");
    }
  }

  private static Task task(
      String ns, String name, int maxAttempts, String backoff, ResultReason... onReasons) {
    Task task = Fixtures.task(ns, name);
    RetrySpec retry = new RetrySpec();
    retry.setOnReasons(List.of(onReasons));
    retry.setMaxAttempts(maxAttempts);
    retry.setBackoff(backoff);
    task.getSpec().setRetry(retry);
    return task;
  }

  private static Task get(String ns, String name) {
    return client.resources(Task.class).inNamespace(ns).withName(name).get();
  }

  private static int attempt(Task task) {
    return task == null || task.getStatus() == null || task.getStatus().getAttempt() == null
        ? 1
        : task.getStatus().getAttempt();
  }

  private static List<Job> jobs(String ns) {
    return client.batch().v1().jobs().inNamespace(ns).list().getItems().stream()
        .sorted(Comparator.comparing(j -> j.getMetadata().getCreationTimestamp()))
        .toList();
  }

  private static String failedAt(Job job) {
    return job.getStatus().getConditions().stream()
        .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
        .map(JobCondition::getLastTransitionTime)
        .findFirst()
        .orElseThrow();
  }
}

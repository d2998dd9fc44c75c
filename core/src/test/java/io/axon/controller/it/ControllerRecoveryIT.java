package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The controller survives what production does to it: being killed in the middle of a burst, and
 * the API server going away and coming back under it.
 */
class ControllerRecoveryIT {
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static ControlPlane plane;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aControllerKilledInTheMiddleOfABurstLeavesEveryTaskWithExactlyOneJob() throws Exception {
    String ns = plane.createNamespace("burst");
    int tasks = 200;
    ControllerInstance first = new ControllerInstance(plane);
    CompletableFuture<Void> burst =
        CompletableFuture.runAsync(() -> TaskJobs.createTasks(client, ns, "burst", tasks));
    Eventually.await(TIMEOUT, "50 Jobs", () -> TaskJobs.jobCount(client, ns), n -> n >= 50);
    first.kill();
    burst.get();
    Eventually.sleep(1000); // Requests the dead controller had in flight have landed by now.
    int jobsAtRestart = TaskJobs.jobCount(client, ns);
    System.out.printf("[recovery] killed with %d of %d Jobs created%n", jobsAtRestart, tasks);
    assertThat(jobsAtRestart).isLessThan(tasks);

    try (ControllerInstance second = new ControllerInstance(plane)) {
      Eventually.await(
          TIMEOUT,
          "every Task Pending with its Job named in its status",
          () -> client.resources(Task.class).inNamespace(ns).list().getItems(),
          all ->
              all.size() == tasks
                  && all.stream()
                      .allMatch(
                          t ->
                              t.getStatus() != null
                                  && t.getStatus().getPhase() == TaskPhase.Pending
                                  && t.getMetadata().getName().equals(t.getStatus().getJobName())));
      TaskJobs.assertExactlyOneJobPerTask(client, ns, tasks);
      assertThat(second.requests.count("POST", "jobs", 201))
          .as("Jobs the restarted controller created: only the missing ones")
          .isEqualTo(tasks - jobsAtRestart);
      assertThat(second.requests.count("POST", "jobs", 409)).isZero();
    }
  }

  @Test
  void theControllerCarriesOnWhenTheApiServerRestartsUnderIt() {
    String ns = plane.createNamespace("restart");
    try (ControllerInstance controller = new ControllerInstance(plane)) {
      client.resource(Fixtures.task(ns, "before")).create();
      awaitPending(ns, "before");

      plane.stopApiServer();
      Eventually.sleep(3000); // Watches break, reconnects fail: the controller must ride it out.
      long down = System.nanoTime();
      plane.startApiServer();
      long up = System.nanoTime();
      client.resource(Fixtures.task(ns, "after")).create();
      awaitPending(ns, "after");
      System.out.printf(
          "[recovery] API server restarted in %d ms; a Task created then had its Job %d ms after it was ready%n",
          (up - down) / 1_000_000, (System.nanoTime() - up) / 1_000_000);
      TaskJobs.assertExactlyOneJobPerTask(client, ns, 2);
    }
  }

  static void awaitPending(String ns, String name) {
    Eventually.await(
        TIMEOUT,
        "Task " + name + " Pending with its Job",
        () -> client.resources(Task.class).inNamespace(ns).withName(name).get(),
        t ->
            t.getStatus() != null
                && t.getStatus().getPhase() == TaskPhase.Pending
                && name.equals(t.getStatus().getJobName())
                && client.batch().v1().jobs().inNamespace(ns).withName(name).get() != null);
  }
}

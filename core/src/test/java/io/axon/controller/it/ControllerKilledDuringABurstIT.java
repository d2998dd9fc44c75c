package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ten SIGKILLs of the controller's JVM while a burst of Tasks is being created lose no Task and
 * duplicate no Job: once a controller runs to the end, every Task has exactly one Job, owned by it.
 *
 * <p>The burst has {@code -Daxon.it.killBurst.tasks} Tasks: 300 by default, to keep CI short (the
 * eleven JVM starts take most of the time: 450 s on two cores at a load average of 25); the issue's
 * figure is 1,000 ({@code -Daxon.it.killBurst.tasks=1000}). Leader election is off, so that each
 * new controller acts at once instead of waiting for the dead one's Lease to expire.
 */
class ControllerKilledDuringABurstIT {
  static final int TASKS = Integer.getInteger("axon.it.killBurst.tasks", 300);
  static final int KILLS = 10;
  static final Duration TIMEOUT = Duration.ofSeconds(120);
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
  void tenKillsDuringABurstLeaveEveryTaskWithExactlyOneJob() throws Exception {
    String ns = plane.createNamespace("kills");
    String settings =
        """
        namespaces: [%s]
        leaderElection: {enabled: false}
        health: {host: 127.0.0.1, port: 0}
        """
            .formatted(ns);
    // Each controller lives until it has created about this many more Jobs, then is killed.
    int step = Math.max(1, TASKS / (KILLS + 2));
    CompletableFuture<Void> burst =
        CompletableFuture.runAsync(() -> TaskJobs.createTasks(client, ns, "kill", TASKS));
    for (int kill = 1; kill <= KILLS; kill++) {
      int before = TaskJobs.jobCount(client, ns);
      int target = Math.min(TASKS, before + step);
      ControllerJvm controller = ControllerJvm.start(plane, "killed-" + kill, settings);
      try {
        Eventually.await(
            TIMEOUT,
            target + " Jobs before kill " + kill + " (log: " + controller.log + ")",
            () -> controller.isAlive() ? TaskJobs.jobCount(client, ns) : -1,
            n -> n >= target || n < 0);
        assertThat(controller.isAlive()).as("controller " + kill + " alive until killed").isTrue();
      } finally {
        controller.kill();
      }
      System.out.printf(
          "[kills] kill %d with %d of %d Jobs created%n",
          kill, TaskJobs.jobCount(client, ns), TASKS);
    }
    burst.get();

    try (ControllerJvm last = ControllerJvm.start(plane, "survivor", settings)) {
      Eventually.await(
          TIMEOUT,
          "every Task Pending with its Job named in its status (log: " + last.log + ")",
          () -> client.resources(Task.class).inNamespace(ns).list().getItems(),
          all ->
              all.size() == TASKS
                  && all.stream()
                      .allMatch(
                          t ->
                              t.getStatus() != null
                                  && t.getStatus().getPhase() == TaskPhase.Pending
                                  && t.getMetadata().getName().equals(t.getStatus().getJobName())));
      TaskJobs.assertExactlyOneJobPerTask(client, ns, TASKS);
    }
  }
}

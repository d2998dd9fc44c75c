package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two controller replicas on a real Lease (4 s lease, 3 s renew deadline, 1 s retry): only the
 * holder acts, the other takes over when the holder dies or steps down, and no Task gets a second
 * Job. Each replica has its own client, so each one's requests are counted apart.
 */
class LeaderElectionIT {
  static final Duration LEASE = Duration.ofSeconds(4);
  static final Duration RETRY = Duration.ofSeconds(1);
  static final Duration TIMEOUT = Duration.ofSeconds(60);

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
  void onlyTheLeaderActsAndTheStandbyTakesOverWhenTheLeaderDies() {
    String ns = plane.createNamespace("election-crash");
    try (ControllerInstance first = replica("first", "crash-lease");
        ControllerInstance second = replica("second", "crash-lease")) {
      awaitHolder("crash-lease", first);

      TaskJobs.createTasks(client, ns, "before", 5);
      awaitJobs(ns, 5);
      awaitCreates(first, 5);
      assertThat(jobCreates(second)).as("Jobs created by the standby").isZero();
      assertThat(statusWrites(second)).as("status writes by the standby").isZero();
      assertThat(second.harness.transitions).isEmpty();

      // The leader vanishes without releasing the Lease (its connection is gone): the standby
      // waits for the lease to expire.
      long crashed = System.nanoTime();
      first.kill();
      awaitHolder("crash-lease", second);
      Duration takeover = Duration.ofNanos(System.nanoTime() - crashed);
      System.out.printf("[election] takeover after the leader died: %d ms%n", takeover.toMillis());
      assertThat(takeover).isLessThanOrEqualTo(LEASE.plus(RETRY).plus(Duration.ofSeconds(3)));

      TaskJobs.createTasks(client, ns, "after", 5);
      awaitJobs(ns, 10);
      awaitCreates(second, 5);
      assertThat(jobCreates(first)).isEqualTo(5);
      TaskJobs.assertExactlyOneJobPerTask(client, ns, 10);
    }
  }

  @Test
  void aLeaderThatStopsReleasesTheLeaseAndTheStandbyTakesOverAtOnce() {
    String ns = plane.createNamespace("election-handover");
    try (ControllerInstance first = replica("one", "handover-lease");
        ControllerInstance second = replica("two", "handover-lease")) {
      awaitHolder("handover-lease", first);
      TaskJobs.createTasks(client, ns, "before", 3);
      awaitJobs(ns, 3);
      awaitCreates(first, 3);
      assertThat(jobCreates(second)).isZero();

      long stopped = System.nanoTime();
      first.close();
      awaitHolder("handover-lease", second);
      Duration takeover = Duration.ofNanos(System.nanoTime() - stopped);
      System.out.printf(
          "[election] takeover after the leader stopped: %d ms%n", takeover.toMillis());
      assertThat(takeover).as("a released Lease is taken within a retry period").isLessThan(LEASE);

      TaskJobs.createTasks(client, ns, "after", 3);
      awaitJobs(ns, 6);
      awaitCreates(second, 3);
      assertThat(jobCreates(first)).isEqualTo(3);
      TaskJobs.assertExactlyOneJobPerTask(client, ns, 6);
    }
  }

  static ControllerInstance replica(String identity, String lease) {
    return replica(identity, lease, plane);
  }

  /** A replica that competes for this Lease (4 s lease, 3 s renew deadline, 1 s retry). */
  static ControllerInstance replica(String identity, String lease, ControlPlane plane) {
    JsonObject settings =
        new JsonObject()
            .put(
                "leaderElection",
                new JsonObject()
                    .put("enabled", true)
                    .put("leaseName", lease)
                    .put("leaseNamespace", ControlPlane.CONTROLLER_NAMESPACE)
                    .put("leaseDurationSeconds", LEASE.toSeconds())
                    .put("renewDeadlineSeconds", 3)
                    .put("retryPeriodSeconds", RETRY.toSeconds()));
    return new ControllerInstance(plane, settings, identity);
  }

  static long jobCreates(ControllerInstance replica) {
    return replica.requests.count("POST", "jobs", 201);
  }

  static long statusWrites(ControllerInstance replica) {
    return replica.requests.count(c -> c.resource().equals("tasks/status"));
  }

  static void awaitHolder(String lease, ControllerInstance replica) {
    awaitHolder(client, lease, replica);
  }

  static void awaitHolder(KubernetesClient client, String lease, ControllerInstance replica) {
    Eventually.await(
        TIMEOUT,
        "Lease " + lease + " held by " + replica.identity(),
        () -> client.leases().inNamespace(ControlPlane.CONTROLLER_NAMESPACE).withName(lease).get(),
        (Lease l) -> replica.identity().equals(l.getSpec().getHolderIdentity()));
  }

  /** The replica's successful Job creates reach {@code count} (and stay there: asserted after). */
  static void awaitCreates(ControllerInstance replica, long count) {
    Eventually.await(
        TIMEOUT,
        replica.identity() + " to have created " + count + " Jobs",
        () -> jobCreates(replica),
        n -> n >= count);
    assertThat(jobCreates(replica)).isEqualTo(count);
  }

  static void awaitJobs(String ns, int count) {
    Eventually.await(
        TIMEOUT, count + " Jobs in " + ns, () -> TaskJobs.jobCount(client, ns), n -> n >= count);
  }
}

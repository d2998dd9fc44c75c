package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentRegistry;
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
    try (Replica first = new Replica("first", "crash-lease");
        Replica second = new Replica("second", "crash-lease")) {
      awaitHolder("crash-lease", first);

      TaskJobs.createTasks(client, ns, "before", 5);
      awaitJobs(ns, 5);
      awaitCreates(first, 5);
      assertThat(second.jobCreates()).as("Jobs created by the standby").isZero();
      assertThat(second.statusWrites()).as("status writes by the standby").isZero();
      assertThat(second.harness.transitions).isEmpty();

      // The leader vanishes without releasing the Lease (its connection is gone): the standby
      // waits for the lease to expire.
      long crashed = System.nanoTime();
      first.crash();
      awaitHolder("crash-lease", second);
      Duration takeover = Duration.ofNanos(System.nanoTime() - crashed);
      System.out.printf("[election] takeover after the leader died: %d ms%n", takeover.toMillis());
      assertThat(takeover).isLessThanOrEqualTo(LEASE.plus(RETRY).plus(Duration.ofSeconds(3)));

      TaskJobs.createTasks(client, ns, "after", 5);
      awaitJobs(ns, 10);
      awaitCreates(second, 5);
      assertThat(first.jobCreates()).isEqualTo(5);
      TaskJobs.assertExactlyOneJobPerTask(client, ns, 10);
    }
  }

  @Test
  void aLeaderThatStopsReleasesTheLeaseAndTheStandbyTakesOverAtOnce() {
    String ns = plane.createNamespace("election-handover");
    try (Replica first = new Replica("one", "handover-lease");
        Replica second = new Replica("two", "handover-lease")) {
      awaitHolder("handover-lease", first);
      TaskJobs.createTasks(client, ns, "before", 3);
      awaitJobs(ns, 3);
      awaitCreates(first, 3);
      assertThat(second.jobCreates()).isZero();

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
      assertThat(first.jobCreates()).isEqualTo(3);
      TaskJobs.assertExactlyOneJobPerTask(client, ns, 6);
    }
  }

  /** One controller replica with its own client. */
  static final class Replica implements AutoCloseable {
    final RequestCounter requests = new RequestCounter();
    final KubernetesClient client = requests.client(plane.config(ControlPlane.CONTROLLER));
    final ControllerHarness harness;
    private boolean closed;

    Replica(String identity, String lease) {
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
      harness =
          new ControllerHarness(
              client, AgentRegistry.of(Fixtures.claudeLike()), settings, identity);
    }

    long jobCreates() {
      return requests.count("POST", "jobs", 201);
    }

    long statusWrites() {
      return requests.count(c -> c.resource().equals("tasks/status"));
    }

    /** Like a killed process: its connections drop first, so it cannot release the Lease. */
    void crash() {
      client.close();
      close();
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        harness.close();
        client.close();
      }
    }
  }

  static void awaitHolder(String lease, Replica replica) {
    Eventually.await(
        TIMEOUT,
        "Lease " + lease + " held by " + replica.harness.identity(),
        () -> client.leases().inNamespace(ControlPlane.CONTROLLER_NAMESPACE).withName(lease).get(),
        (Lease l) -> replica.harness.identity().equals(l.getSpec().getHolderIdentity()));
  }

  /** The replica's successful Job creates reach {@code count} (and stay there: asserted after). */
  static void awaitCreates(Replica replica, long count) {
    Eventually.await(
        TIMEOUT,
        replica.harness.identity() + " to have created " + count + " Jobs",
        replica::jobCreates,
        n -> n >= count);
    assertThat(replica.jobCreates()).isEqualTo(count);
  }

  static void awaitJobs(String ns, int count) {
    Eventually.await(
        TIMEOUT, count + " Jobs in " + ns, () -> TaskJobs.jobCount(client, ns), n -> n >= count);
  }
}

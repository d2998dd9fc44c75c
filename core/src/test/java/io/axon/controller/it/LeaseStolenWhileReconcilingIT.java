package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replica whose Lease is taken while it is busy reconciling sends no API write (but to the Lease)
 * from the moment it announces the loss until it takes the Lease back: the reconciles it had in
 * flight are fenced.
 */
class LeaseStolenWhileReconcilingIT {
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static final String LEASE = "stolen-lease";
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
  void aDeposedReplicaWritesNothingUntilItLeadsAgain() throws Exception {
    String ns = plane.createNamespace("stolen");
    int tasks = 300;
    try (ControllerInstance replica = LeaderElectionIT.replica("busy", LEASE, plane)) {
      Leases.Announcements seen = Leases.follow(replica);
      LeaderElectionIT.awaitHolder(client, LEASE, replica);
      CompletableFuture<Void> burst =
          CompletableFuture.runAsync(() -> TaskJobs.createTasks(client, ns, "burst", tasks));
      Eventually.await(
          TIMEOUT,
          "the replica busy creating Jobs",
          () -> replica.requests.count("POST", "jobs", 201),
          n -> n >= 30);

      Leases.setHolder(client, LEASE, "thief", Duration.ofHours(1));
      Eventually.await(TIMEOUT, "the replica to stop leading", seen.lastLoss::get, at -> at != 0);
      long lost = seen.lastLoss.get();
      burst.get();
      // The thief lets its lease lapse: the replica must compete again and win.
      Leases.setHolder(client, LEASE, "thief", Duration.ofSeconds(1));
      Eventually.await(
          TIMEOUT, "the replica to lead again", seen.lastGain::get, at -> at - lost > 0);
      // The announcement reaches this test after the fence has opened: a write sent in between is
      // the new leader's, so the window ends when the answer to the write that took the Lease
      // back came, the earliest the fence may open.
      long regained =
          replica.requests.firstLeaseWriteAnsweredAfter(lost).orElseThrow(AssertionError::new);

      assertThat(replica.requests.writesSentBetween(lost, regained))
          .as("writes sent between the loss and leading again")
          .isEmpty();
      System.out.printf(
          "[fence] lost the Lease with %d of %d Jobs created; took it back after %d ms; %d writes"
              + " sent before the announcement reached this test %d ms later%n",
          replica.requests.count("POST", "jobs", 201),
          tasks,
          (regained - lost) / 1_000_000,
          replica.requests.writesSentBetween(regained, seen.lastGain.get()).size(),
          (seen.lastGain.get() - regained) / 1_000_000);

      Eventually.await(
          TIMEOUT, tasks + " Jobs", () -> TaskJobs.jobCount(client, ns), n -> n >= tasks);
      TaskJobs.assertExactlyOneJobPerTask(client, ns, tasks);
    }
  }
}

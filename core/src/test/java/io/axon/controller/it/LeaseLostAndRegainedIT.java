package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replica whose Lease is taken by another identity stops leading, competes again, and leads again
 * once that holder's lease expires: a Task created afterwards gets its Job.
 */
class LeaseLostAndRegainedIT {
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
  void aReplicaThatLostItsLeaseLeadsAgainOnceTheLeaseIsFree() {
    String ns = plane.createNamespace("regain");
    try (ControllerInstance replica = LeaderElectionIT.replica("replica", "regain-lease", plane)) {
      Leases.Announcements seen = Leases.follow(replica);
      LeaderElectionIT.awaitHolder(client, "regain-lease", replica);
      TaskJobs.createTasks(client, ns, "before", 2);
      awaitJobs(ns, 2);

      // Someone else holds it now, for 5 s: the replica cannot renew, and must stop leading.
      Leases.setHolder(client, "regain-lease", "someone-else", Duration.ofSeconds(5));
      Eventually.await(TIMEOUT, "the replica to stop leading", seen.lastLoss::get, at -> at != 0);
      assertThat(Health.readyz(replica)).isEqualTo("ok: standby\n");

      LeaderElectionIT.awaitHolder(client, "regain-lease", replica);
      Eventually.await(
          TIMEOUT,
          "the replica to say it leads",
          () -> Health.readyz(replica),
          "ok: leader\n"::equals);
      assertThat(Health.healthz(replica)).isEqualTo("ok\n");
      TaskJobs.createTasks(client, ns, "after", 2);
      awaitJobs(ns, 4);
      TaskJobs.assertExactlyOneJobPerTask(client, ns, 4);
      assertThat(Objects.requireNonNull(Leases.holder(client, "regain-lease")))
          .isEqualTo(replica.identity());
    }
  }

  static void awaitJobs(String ns, int count) {
    Eventually.await(
        TIMEOUT, count + " Jobs in " + ns, () -> TaskJobs.jobCount(client, ns), n -> n >= count);
  }
}

package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A leader whose API server is gone for 20 s, longer than its lease, gives up leading, then leads
 * and works again once the API server is back: a Task created afterwards gets its Job.
 */
class ApiServerOutageIT {
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static final Duration OUTAGE = Duration.ofSeconds(20);
  static final String LEASE = "outage-lease";
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
  void aLeaderLeadsAgainAfterTheApiServerWasGoneLongerThanItsLease() {
    String ns = plane.createNamespace("outage");
    try (ControllerInstance replica = LeaderElectionIT.replica("survivor", LEASE, plane)) {
      Leases.Announcements seen = Leases.follow(replica);
      LeaderElectionIT.awaitHolder(client, LEASE, replica);
      TaskJobs.createTasks(client, ns, "before", 2);
      Eventually.await(TIMEOUT, "2 Jobs", () -> TaskJobs.jobCount(client, ns), n -> n == 2);

      long down = System.nanoTime();
      plane.stopApiServer();
      Eventually.await(TIMEOUT, "the replica to stop leading", seen.lastLoss::get, at -> at != 0);
      Eventually.await(
          TIMEOUT,
          "/readyz to say the informers are not watching",
          () -> Health.get(replica, "/readyz"),
          r -> r.statusCode() == 503 && r.body().contains("is not watching"));
      // The outage itself, not a wait for something: it lasts as long as the scenario says.
      Eventually.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - down) / 1_000_000));
      plane.startApiServer();

      Eventually.await(
          TIMEOUT, "the replica to lead again", seen.lastGain::get, at -> at - down > 0);
      Eventually.await(
          TIMEOUT, "/readyz ok: leader", () -> Health.readyz(replica), "ok: leader\n"::equals);
      assertThat(Health.healthz(replica)).isEqualTo("ok\n");
      TaskJobs.createTasks(client, ns, "after", 2);
      Eventually.await(TIMEOUT, "4 Jobs", () -> TaskJobs.jobCount(client, ns), n -> n == 4);
      TaskJobs.assertExactlyOneJobPerTask(client, ns, 4);
    }
  }
}

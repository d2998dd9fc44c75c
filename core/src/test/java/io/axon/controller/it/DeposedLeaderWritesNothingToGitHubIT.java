package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Report;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.report.ScriptedGitHubWrites;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.source.github.ScriptedGitHub;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replica that loses the Lease while a report is on its way to GitHub does not write the comment:
 * the write is fenced, and the comment is made once, by the replica when it leads again.
 */
class DeposedLeaderWritesNothingToGitHubIT {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final String LEASE = "github-fence-lease";
  static final String COMMENTS = "/repos/acme/widgets/issues/1/comments";

  static ControlPlane plane;
  static KubernetesClient client;
  static Vertx vertx;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aCommentInFlightWhenTheLeaseIsLostIsNotWritten() throws Exception {
    String ns = plane.createNamespace("github-fence");
    try (ScriptedGitHub issues = ScriptedGitHub.start(vertx, "acme", "widgets");
        ScriptedGitHubWrites github =
            ScriptedGitHubWrites.start(vertx)
                .delegateTo(issues.baseURL())
                .requireToken(SpawnerFixtures.TOKEN)) {
      issues.addIssue("Crash on start", "It crashes.", "bug");
      github.issue(1, "Crash on start", "It crashes.", "bug");
      client.resource(SpawnerFixtures.workspace(ns)).create();
      client.resource(SpawnerFixtures.secret(ns, SpawnerFixtures.TOKEN)).create();
      TaskSpawner spawner = SpawnerFixtures.spawner(ns, "fenced", List.of("bug"), List.of());
      Report report = new Report();
      report.setComment(true);
      spawner.getSpec().setReport(report);
      // The report looks for its comment by marker first: that read is where GitHub is slow.
      ScriptedGitHubWrites.Hold slow = github.holdNext("GET", COMMENTS);
      client.resource(spawner).create();

      try (ControllerInstance replica = replica(ns, github.baseURL())) {
        Leases.Announcements seen = Leases.follow(replica);
        Eventually.await(TIMEOUT, "the report's first read", slow::arrived, arrived -> arrived);

        Leases.setHolder(client, LEASE, "thief", Duration.ofHours(1));
        Eventually.await(TIMEOUT, "the replica to stop leading", seen.lastLoss::get, at -> at != 0);
        long lost = seen.lastLoss.get();
        slow.release();
        Eventually.await(
            TIMEOUT,
            "the held read answered",
            () -> github.calls("GET", COMMENTS).size(),
            n -> n == 1);
        assertThat(github.calls("POST", COMMENTS)).as("comments written while deposed").isEmpty();

        // The thief lets its lease lapse: the replica leads again and reports, once.
        Leases.setHolder(client, LEASE, "thief", Duration.ofSeconds(1));
        Eventually.await(
            TIMEOUT, "the replica to lead again", seen.lastGain::get, at -> at - lost > 0);
        Eventually.await(TIMEOUT, "the comment", () -> github.comments(1), c -> c.size() == 1);
        List<String> writes =
            github.calls().stream()
                .filter(c -> c.path().startsWith(COMMENTS) || c.path().contains("/comments/"))
                .map(ScriptedGitHubWrites.Call::toString)
                .toList();
        // The deposed read, then the new leader's read and its one write.
        assertThat(writes.subList(0, 3))
            .containsExactly(
                "GET " + COMMENTS + " -> 200",
                "GET " + COMMENTS + " -> 200",
                "POST " + COMMENTS + " -> 201");
        assertThat(github.calls("POST", COMMENTS)).hasSize(1);
      }
    }
  }

  static ControllerInstance replica(String ns, String api) {
    JsonObject settings =
        new JsonObject()
            .put("namespaces", new JsonArray().add(ns))
            .put(
                "sources",
                new JsonObject().put("githubIssues", new JsonObject().put("apiBaseURL", api)))
            .put(
                "leaderElection",
                new JsonObject()
                    .put("enabled", true)
                    .put("leaseName", LEASE)
                    .put("leaseNamespace", ControlPlane.CONTROLLER_NAMESPACE)
                    .put("leaseDurationSeconds", 4)
                    .put("renewDeadlineSeconds", 3)
                    .put("retryPeriodSeconds", 1));
    return new ControllerInstance(plane, settings, "github-fence");
  }
}

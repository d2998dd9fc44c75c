package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.GitHubPullRequests;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.When;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.source.github.ScriptedGitHub;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code when.githubPullRequests} on a real API server, polling the scripted GitHub: the pull
 * requests that pass the filters (labels, review state) become Tasks that work on the pull
 * request's head branch, with its title, body, branch, base and URL in the prompt, inserted
 * literally; a fork's pull request and an unmatched review state get none.
 */
class PullRequestSpawnerIT {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

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
  void pullRequestsWithChangesRequestedBecomeTasksOnTheirBranch() throws Exception {
    String ns = plane.createNamespace("pulls");
    client.resource(SpawnerFixtures.workspace(ns)).create();
    client.resource(SpawnerFixtures.secret(ns, SpawnerFixtures.TOKEN)).create();
    try (ScriptedGitHub github = ScriptedGitHub.start(vertx, "acme", "widgets")) {
      String body = "Please handle {{.Title}} and $(rm -rf /)\nGrüße 🚀";
      github.addPull("Fix the crash", body, "fix/crash", "main", "agent");
      github.review(1, "alice", "CHANGES_REQUESTED");
      github.addPull("Approved already", "", "feat/ok", "main", "agent");
      github.review(2, "alice", "APPROVED");
      github.addForkPull("mallory/widgets", "From a fork", "", "patch-1", "agent");
      github.review(3, "alice", "CHANGES_REQUESTED");
      github.addPull("Not for agents", "", "feat/x", "main");
      github.review(4, "alice", "CHANGES_REQUESTED");

      GitHubPullRequests pulls = new GitHubPullRequests();
      pulls.setWorkspaceRef(new LocalObjectReference("widgets"));
      pulls.setLabels(List.of("agent"));
      pulls.setReviewState(GitHubPullRequests.ReviewState.changes_requested);
      When when = new When();
      when.setGithubPullRequests(pulls);
      TaskSpawner spawner = SpawnerFixtures.spawner(ns, "review", List.of(), List.of());
      spawner.getSpec().setWhen(when);
      spawner
          .getSpec()
          .getTaskTemplate()
          .setPromptTemplate(
              "Address the review of {{.URL}} ({{.Branch}} into {{.Base}}): {{.Title}}\n{{.Body}}");
      client.resource(spawner).create();

      JsonObject settings =
          new JsonObject()
              .put("namespaces", new JsonArray().add(ns))
              .put(
                  "sources",
                  new JsonObject()
                      .put(
                          "githubPullRequests",
                          new JsonObject().put("apiBaseURL", github.baseURL())));
      try (ControllerInstance controller = new ControllerInstance(plane, settings)) {
        Task task =
            Eventually.await(
                TIMEOUT,
                "Task review-1",
                () -> client.resources(Task.class).inNamespace(ns).withName("review-1").get(),
                t -> t != null);
        assertThat(task.getSpec().getBranch()).isEqualTo("fix/crash");
        assertThat(task.getSpec().getWorkspaceRef().getName()).isEqualTo("widgets");
        String expected =
            "Address the review of https://github.com/acme/widgets/pull/1 (fix/crash into main):"
                + " Fix the crash\n"
                + body;
        assertThat(task.getSpec().getPrompt().getBytes(StandardCharsets.UTF_8))
            .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));

        // Two more polls, asked for, each a listing of the pull requests.
        new SpawnerPolls(
                client,
                ns,
                "review",
                () ->
                    (int)
                        github.requests().stream()
                            .filter(r -> r.path().equals("/repos/acme/widgets/pulls"))
                            .count(),
                TIMEOUT)
            .await(2);
        assertThat(client.resources(Task.class).inNamespace(ns).list().getItems())
            .extracting(t -> t.getMetadata().getName())
            .containsExactly("review-1");
        TaskSpawner polled =
            client.resources(TaskSpawner.class).inNamespace(ns).withName("review").get();
        assertThat(polled.getStatus().getItemsFound()).isEqualTo(1);
        assertThat(github.requests())
            .filteredOn(r -> r.path().endsWith("/reviews"))
            .extracting(ScriptedGitHub.Recorded::path)
            .as("reviews of the same-repository pull requests with the label, once each")
            .containsExactlyInAnyOrder(
                "/repos/acme/widgets/pulls/1/reviews", "/repos/acme/widgets/pulls/2/reviews");
      }
    }
  }
}

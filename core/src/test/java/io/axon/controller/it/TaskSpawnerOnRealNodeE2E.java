package io.axon.controller.it;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static io.axon.controller.it.RealNodeFixtures.MODEL_PORT_IN_POD;
import static io.axon.controller.it.RealNodeFixtures.NS;
import static io.axon.controller.it.RealNodeFixtures.awaitFinished;
import static io.axon.controller.it.RealNodeFixtures.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitHttpServer;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.Credentials;
import io.axon.api.v1alpha1.Report;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.it.RealNodeFixtures.RunningController;
import io.axon.controller.report.ScriptedGitHubWrites;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.source.github.ScriptedGitHub;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskSpawner on the scripted GitHub's issues, on a real node: the Task it makes for a labelled
 * issue runs in a real pod (clone over HTTP, the real Claude Code CLI with the issue's text as its
 * prompt), ends Succeeded, and the spawner's report comment on the issue says so.
 */
class TaskSpawnerOnRealNodeE2E {
  static final String TOKEN = SpawnerFixtures.TOKEN;

  static RealNode node;
  static KubernetesClient client;
  static Vertx vertx;
  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    node = RealNode.start();
    client = node.client();
    RealNodeFixtures.agentsNamespace(node);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aSpawnedTaskRunsInARealPodAndItsIssueCommentSaysSucceeded() throws Exception {
    GitRepo origin = GitRepo.create(tmp.resolve("work"));
    Path bare = tmp.resolve("acme/widgets.git");
    origin.git("init", "-q", "--bare", bare.toString());
    origin.git("push", "-q", bare.toString(), "HEAD:refs/heads/main");
    try (GitHttpServer git = new GitHttpServer(tmp, TOKEN);
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(
                message(text("Reading the repository."), bash("git log -1 --format=%s")),
                say("Fixed the crash."));
        ScriptedGitHub issues = ScriptedGitHub.start(vertx, "acme", "widgets");
        ScriptedGitHubWrites github =
            ScriptedGitHubWrites.start(vertx).delegateTo(issues.baseURL()).requireToken(TOKEN)) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      node.relay(git.port(), git.port());
      issues.addIssue("Crash on start", "It crashes when started.", "bug");
      issues.addIssue("Add dark mode", "Please.", "enhancement");
      github.issue(1, "Crash on start", "It crashes when started.", "bug");
      RealNodeFixtures.secret(client, "github-token", "GITHUB_TOKEN", TOKEN);
      client
          .resource(
              RealNodeFixtures.workspace(
                  "widgets",
                  "http://127.0.0.1:" + git.port() + "/acme/widgets.git",
                  "main",
                  "github-token"))
          .create();
      TaskSpawner spawner = SpawnerFixtures.spawner(NS, "fix-bugs", List.of("bug"), List.of());
      spawner
          .getSpec()
          .getTaskTemplate()
          .setCredentials(new Credentials(CredentialType.API_KEY, RealNodeFixtures.API_KEY_SECRET));
      Report report = new Report();
      report.setComment(true);
      spawner.getSpec().setReport(report);
      client.resource(spawner).create();

      try (RunningController controller =
          RealNodeFixtures.controller(
              node,
              "2Gi",
              new JsonObject()
                  .put(
                      "sources",
                      new JsonObject()
                          .put(
                              "githubIssues",
                              new JsonObject().put("apiBaseURL", github.baseURL()))))) {
        Task done = awaitFinished(client, "fix-bugs-1");

        assertThat(done.getStatus().getPhase())
            .as("%s%n%s", done.getStatus(), node.logTails(15))
            .isEqualTo(TaskPhase.Succeeded);
        Pod pod = client.pods().inNamespace(NS).withName(done.getStatus().getPodName()).get();
        assertThat(pod.getSpec().getNodeName()).isEqualTo(RealNode.NODE_NAME);
        // The issue's text reached the real CLI as its prompt; its tool ran in the clone.
        assertThat(model.requests().get(0).body().toString()).contains("It crashes when started.");
        assertThat(RealNodeFixtures.toolResults(model.requests().get(1)))
            .contains(origin.git("log", "-1", "--format=%s").strip());
        JsonObject comment =
            Eventually.await(
                RealNodeFixtures.TIMEOUT,
                "the comment on issue #1 to say succeeded",
                () -> github.comments(1).stream().reduce((a, b) -> b).orElse(null),
                c -> c.getString("body").contains("`: succeeded\n"));
        assertThat(comment.getString("body")).contains("**Axon** Task `fix-bugs-1`: succeeded");
        assertThat(github.comments(1)).hasSize(1);
        // Only the labelled issue became a Task.
        assertThat(client.resources(Task.class).inNamespace(NS).list().getItems())
            .extracting(t -> t.getMetadata().getName())
            .containsExactly("fix-bugs-1");
      }
    }
  }
}

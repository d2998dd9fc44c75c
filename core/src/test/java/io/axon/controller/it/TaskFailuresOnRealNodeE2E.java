package io.axon.controller.it;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static io.axon.controller.it.RealNodeFixtures.MODEL_PORT_IN_POD;
import static io.axon.controller.it.RealNodeFixtures.awaitFinished;
import static io.axon.controller.it.RealNodeFixtures.port;
import static io.axon.controller.it.RealNodeFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitHttpServer;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.it.RealNodeFixtures.RunningController;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failures a user meets, on a real node: each ends the Task Failed with a status message that
 * says what went wrong (the model API refusing the key, a Workspace ref that does not exist, an
 * image the node does not have and cannot pull, the agent killed for memory, the deadline).
 */
class TaskFailuresOnRealNodeE2E {
  static RealNode node;
  @TempDir Path tmp;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    node = RealNode.start();
    client = node.client();
    RealNodeFixtures.agentsNamespace(node);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aModelApiThatRefusesTheKeyFailsTheTaskWithTheApisMessage() throws Exception {
    try (RunningController controller = RealNodeFixtures.controller(node, "2Gi");
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(
                new ModelReply.Error(401, "authentication_error", "invalid x-api-key"))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      client.resource(task("bad-key", "Say hello.")).create();

      Task done = awaitFinished(client, "bad-key");

      assertThat(done.getStatus().getPhase()).isEqualTo(TaskPhase.Failed);
      // The CLI's own words for a 401 (it does not repeat the server's text).
      assertThat(done.getStatus().getMessage())
          .startsWith("The agent failed (ModelAuthFailed):")
          .contains("Invalid API key");
      assertThat(done.getStatus().getResult().getReason()).isEqualTo("ModelAuthFailed");
    }
  }

  @Test
  void anUnknownRefFailsTheTaskWithGitsMessage() throws Exception {
    Path repos = tmp;
    GitRepo origin = GitRepo.create(repos.resolve("work"));
    origin.git("init", "-q", "--bare", repos.resolve("demo.git").toString());
    origin.git("push", "-q", repos.resolve("demo.git").toString(), "HEAD:refs/heads/main");
    try (RunningController controller = RealNodeFixtures.controller(node, "2Gi");
        GitHttpServer git = new GitHttpServer(repos, "ghp_ref_test");
        ScriptedAnthropicServer model = ScriptedAnthropicServer.start(say("Never asked."))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      node.relay(git.port(), git.port());
      RealNodeFixtures.secret(client, "ref-token", "GITHUB_TOKEN", "ghp_ref_test");
      client
          .resource(
              RealNodeFixtures.workspace(
                  "no-such-ref",
                  "http://127.0.0.1:" + git.port() + "/demo.git",
                  "no-such-branch",
                  "ref-token"))
          .create();
      Task task = task("unknown-ref", "Say hello.");
      task.getSpec().setWorkspaceRef(new LocalObjectReference("no-such-ref"));
      client.resource(task).create();

      Task done = awaitFinished(client, "unknown-ref");

      assertThat(done.getStatus().getPhase()).isEqualTo(TaskPhase.Failed);
      assertThat(done.getStatus().getMessage())
          .startsWith("Cloning the workspace failed")
          .contains("no-such-branch");
      assertThat(done.getStatus().getResult().getReason()).isEqualTo("CloneFailed");
      assertThat(model.requests()).isEmpty();
    }
  }

  @Test
  void anImageTheNodeCannotPullFailsTheTaskAsImageUnavailableNamingTheImage() throws Exception {
    // A registry on a closed loopback port: the pull fails at once, and no public host is asked.
    String missing = "127.0.0.1:" + RealNode.freePort() + "/axon-missing/claude-code:0.0.0";
    // The pull fails with ErrImagePull, then ImagePullBackOff: give up after 5 s, not the default.
    JsonObject shortGrace =
        new JsonObject().put("agentPod", new JsonObject().put("imagePullGraceSeconds", 5));
    try (RunningController controller = RealNodeFixtures.controller(node, "2Gi", shortGrace);
        ScriptedAnthropicServer model = ScriptedAnthropicServer.start(say("Never asked."))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      Task task = task("missing-image", "Say hello.");
      task.getSpec().setImage(missing);
      client.resource(task).create();

      // The kubelet backs off pulling for ever: the controller decides from the waiting reason.
      Task done =
          Eventually.await(
              Duration.ofSeconds(90),
              "Task missing-image to fail as ImageUnavailable",
              () ->
                  client
                      .resources(Task.class)
                      .inNamespace(RealNodeFixtures.NS)
                      .withName("missing-image")
                      .get(),
              t -> t.getStatus() != null && t.getStatus().getPhase() == TaskPhase.Failed);

      assertThat(done.getStatus().getResult().getReason())
          .as("%s", done.getStatus())
          .isEqualTo("ImageUnavailable");
      assertThat(done.getStatus().getMessage()).contains(missing);
      assertThat(model.requests()).isEmpty();
    }
  }

  @Test
  void anAgentOverItsMemoryLimitFailsTheTaskAsOomKilled() throws Exception {
    try (RunningController controller = RealNodeFixtures.controller(node, "96Mi");
        ScriptedAnthropicServer model = ScriptedAnthropicServer.start(say("Hello."))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      client.resource(task("oom", "Say hello.")).create();

      Task done = awaitFinished(client, "oom");

      assertThat(done.getStatus().getPhase()).isEqualTo(TaskPhase.Failed);
      assertThat(done.getStatus().getMessage())
          .isEqualTo("The agent was killed for using more memory than its limit (96Mi).");
      assertThat(done.getStatus().getResult().getReason()).isEqualTo("OOMKilled");
    }
  }

  @Test
  void aTaskPastItsDeadlineFailsAndSaysSo() throws Exception {
    try (RunningController controller = RealNodeFixtures.controller(node, "2Gi");
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(
                message(text("Waiting."), bash("tail -f /dev/null")), say("Never reached."))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      Task task = task("deadline", "Wait.");
      task.getSpec().setActiveDeadlineSeconds(20L);
      client.resource(task).create();

      Task done = awaitFinished(client, "deadline");

      assertThat(done.getStatus().getPhase()).isEqualTo(TaskPhase.Failed);
      assertThat(done.getStatus().getMessage())
          .isEqualTo("The Task ran longer than its activeDeadlineSeconds (20) and was stopped.");
      assertThat(done.getStatus().getResult().getReason()).isEqualTo("DeadlineExceeded");
    }
  }

  @Test
  void aPodEvictedFromItsNodeFailsTheTaskAsEvicted() throws Exception {
    try (RunningController controller = RealNodeFixtures.controller(node, "2Gi");
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(
                message(text("Waiting."), bash("tail -f /dev/null")), say("Never reached."))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      client.resource(task("evicted", "Wait.")).create();
      Task running =
          Eventually.await(
              RealNodeFixtures.TIMEOUT,
              "the agent running its command",
              () ->
                  client
                      .resources(Task.class)
                      .inNamespace(RealNodeFixtures.NS)
                      .withName("evicted")
                      .get(),
              t ->
                  t.getStatus() != null
                      && t.getStatus().getPhase() == TaskPhase.Running
                      && model.requests().size() >= 1);

      // What `kubectl drain` does: the Eviction API, which marks the pod DisruptionTarget.
      assertThat(
              client
                  .pods()
                  .inNamespace(RealNodeFixtures.NS)
                  .withName(running.getStatus().getPodName())
                  .evict())
          .isTrue();
      Task done = awaitFinished(client, "evicted");

      assertThat(done.getStatus().getPhase()).isEqualTo(TaskPhase.Failed);
      assertThat(done.getStatus().getResult().getReason()).isEqualTo("Evicted");
      assertThat(done.getStatus().getMessage())
          .containsAnyOf("EvictionByEvictionAPI", "DisruptionTarget");
    }
  }
}

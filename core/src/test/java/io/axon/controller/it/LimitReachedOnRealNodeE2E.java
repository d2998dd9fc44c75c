package io.axon.controller.it;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.text;
import static io.axon.controller.it.RealNodeFixtures.MODEL_PORT_IN_POD;
import static io.axon.controller.it.RealNodeFixtures.awaitFinished;
import static io.axon.controller.it.RealNodeFixtures.port;
import static io.axon.controller.it.RealNodeFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitHttpServer;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskLimits;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.controller.it.RealNodeFixtures.RunningController;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.limits.maxTurns} in a real pod: the real Claude Code CLI, against a scripted model
 * that never stops editing, is stopped at the limit, the Task fails {@code LimitReached}, and the
 * partial work is on the WIP branch of the loopback git server.
 */
class LimitReachedOnRealNodeE2E {
  static RealNode node;
  @TempDir Path tmp;
  static KubernetesClient client;
  static RunningController controller;

  @BeforeAll
  static void start() {
    node = RealNode.start();
    client = node.client();
    RealNodeFixtures.agentsNamespace(node);
    controller = RealNodeFixtures.controller(node, "2Gi");
  }

  @AfterAll
  static void stop() {
    if (controller != null) {
      controller.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void maxTurnsStopsTheAgentAndItsWorkIsOnTheWipBranch() throws Exception {
    Path repos = tmp;
    GitRepo origin = GitRepo.create(repos.resolve("work"));
    Path bare = repos.resolve("demo.git");
    origin.git("init", "-q", "--bare", bare.toString());
    origin.git("push", "-q", bare.toString(), "HEAD:refs/heads/main");
    String token = "ghp_limit_" + System.nanoTime();
    try (GitHttpServer git = new GitHttpServer(repos, token);
        // Every turn appends a line and asks for more: a run that never ends by itself.
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(
                (turn, request) ->
                    message(
                        text("Adding line " + turn + "."),
                        bash("echo line " + turn + " >> work.txt")))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      node.relay(git.port(), git.port());
      RealNodeFixtures.secret(client, "limit-token", "GITHUB_TOKEN", token);
      client
          .resource(
              RealNodeFixtures.workspace(
                  "limited", "http://127.0.0.1:" + git.port() + "/demo.git", "main", "limit-token"))
          .create();
      Task task = task("limited", "Keep adding lines to work.txt.");
      task.getSpec().setWorkspaceRef(new LocalObjectReference("limited"));
      TaskLimits limits = new TaskLimits();
      limits.setMaxTurns(3);
      task.getSpec().setLimits(limits);
      client.resource(task).create();

      Task done = awaitFinished(client, "limited");

      assertThat(done.getStatus().getPhase())
          .as("%s%n%s", done.getStatus(), node.logTails(15))
          .isEqualTo(TaskPhase.Failed);
      TaskResult result = done.getStatus().getResult();
      assertThat(result.getReason()).isEqualTo("LimitReached");
      assertThat(result.getLimit()).isEqualTo("maxTurns");
      assertThat(result.getBranch()).isEqualTo("axon/limited-wip");
      assertThat(model.requests()).as("stopped at the limit").hasSize(3);
      String pushed =
          origin.git("--git-dir=" + bare, "rev-parse", "refs/heads/axon/limited-wip").strip();
      assertThat(result.getCommit()).isEqualTo(pushed);
      assertThat(origin.git("--git-dir=" + bare, "show", pushed + ":work.txt"))
          .as("the partial work, saved")
          .startsWith("line 0\nline 1");
    }
  }
}

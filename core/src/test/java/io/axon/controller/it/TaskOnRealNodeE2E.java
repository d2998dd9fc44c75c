package io.axon.controller.it;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static io.axon.controller.it.RealNodeFixtures.MODEL_PORT_IN_POD;
import static io.axon.controller.it.RealNodeFixtures.NS;
import static io.axon.controller.it.RealNodeFixtures.awaitFinished;
import static io.axon.controller.it.RealNodeFixtures.port;
import static io.axon.controller.it.RealNodeFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.controller.it.RealNodeFixtures.RunningController;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's Workspace and Task on a real node: the controller, as the shipped RBAC identity, makes
 * a Job whose pod passes the restricted Pod Security Standard, clones over HTTP with the Workspace
 * Secret's token, runs the real Claude Code CLI from the agent image against the scripted model
 * server, pushes a branch, and ends the Task Succeeded with the result its termination message
 * carries.
 */
class TaskOnRealNodeE2E {
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
  void theSeedsWorkspaceTaskClonesRunsTheRealCliPushesABranchAndSucceeds() throws Exception {
    Path repos = tmp;
    GitRepo origin = GitRepo.create(repos.resolve("work"));
    origin.git("init", "-q", "--bare", repos.resolve("demo.git").toString());
    origin.git("push", "-q", repos.resolve("demo.git").toString(), "HEAD:refs/heads/main");
    String token = "ghp_test_" + System.nanoTime();
    String command =
        "git checkout -q -b axon/hello && echo hello > hello.txt && git add hello.txt"
            + " && git commit -q -m 'Add hello' && git push -q origin axon/hello && echo pushed-as-$(id -u)";
    try (GitHttpServer git = new GitHttpServer(repos, token);
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(
                message(text("Adding hello.txt on a branch."), bash(command)),
                say("Done: pushed axon/hello."))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      node.relay(git.port(), git.port());
      RealNodeFixtures.secret(client, "git-token", "GITHUB_TOKEN", token);
      client
          .resource(
              RealNodeFixtures.workspace(
                  "demo", "http://127.0.0.1:" + git.port() + "/demo.git", "main", "git-token"))
          .create();
      Task task = task("hello", "Add hello.txt on a branch and push it.");
      task.getSpec().setWorkspaceRef(new LocalObjectReference("demo"));
      client.resource(task).create();

      Task done = awaitFinished(client, "hello");

      assertThat(done.getStatus().getPhase())
          .as("%s%n%s", done.getStatus(), node.logTails(15))
          .isEqualTo(TaskPhase.Succeeded);
      // The tool result the model saw: the push went through, as the image's uid.
      assertThat(model.requests()).hasSize(2);
      assertThat(RealNodeFixtures.toolResults(model.requests().get(1))).contains("pushed-as-1000");
      String pushed =
          origin.git(
              "--git-dir=" + repos.resolve("demo.git"), "rev-parse", "refs/heads/axon/hello");
      TaskResult result = done.getStatus().getResult();
      assertThat(result.getOutcome()).isEqualTo("Succeeded");
      assertThat(result.getTurns()).isEqualTo(2);
      assertThat(Double.parseDouble(result.getCostUSD())).isPositive();
      assertThat(result.getBranch()).isEqualTo("axon/hello");
      assertThat(result.getCommit()).isEqualTo(pushed);
      Pod pod = client.pods().inNamespace(NS).withName(done.getStatus().getPodName()).get();
      assertThat(pod.getSpec().getNodeName()).isEqualTo(RealNode.NODE_NAME);
      String cloneLog =
          client
              .pods()
              .inNamespace(NS)
              .withName(pod.getMetadata().getName())
              .inContainer("clone")
              .getLog();
      assertThat(cloneLog).contains("cloned " + origin.git("rev-parse", "HEAD"));
    }
  }
}

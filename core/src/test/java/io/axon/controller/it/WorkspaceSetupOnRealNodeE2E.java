package io.axon.controller.it;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
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
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceFile;
import io.axon.controller.it.RealNodeFixtures.RunningController;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Workspace's files and setupCommand in real pods: the agent finds both in its repository (a
 * file's {@code $$} and {@code $(HOME)} as written, not expanded by the kubelet), and a failing
 * setupCommand fails the Task with the tail of its output before the agent starts.
 */
class WorkspaceSetupOnRealNodeE2E {
  static RealNode node;
  static KubernetesClient client;
  @TempDir Path tmp;

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
  void theAgentFindsTheFilesAndWhatTheSetupCommandMade() throws Exception {
    try (GitHttpServer git = repository();
        RunningController controller = RealNodeFixtures.controller(node, "2Gi");
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(
                message(bash("cat .env.test setup-out.txt")), say("Both are there."))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      node.relay(git.port(), git.port());
      Workspace workspace = workspace(git, "setup-ok");
      workspace
          .getSpec()
          .setFiles(List.of(new WorkspaceFile(".env.test", "MODE=test\nPID=$$ AT=$(HOME)\n")));
      workspace.getSpec().setSetupCommand("echo \"set up by $(id -u)\" > setup-out.txt");
      client.resource(workspace).create();
      Task task = task("setup-ok", "Show the files.");
      task.getSpec().setWorkspaceRef(new LocalObjectReference("setup-ok"));
      client.resource(task).create();

      Task done = awaitFinished(client, "setup-ok");

      assertThat(done.getStatus().getPhase())
          .as(done.getStatus().getMessage())
          .isEqualTo(TaskPhase.Succeeded);
      assertThat(RealNodeFixtures.toolResults(model.requests().get(1)))
          .contains("MODE=test")
          .contains("PID=$$ AT=$(HOME)")
          .contains("set up by 1000");
    }
  }

  @Test
  void aFailingSetupCommandFailsTheTaskWithItsOutputBeforeTheAgentStarts() throws Exception {
    try (GitHttpServer git = repository();
        RunningController controller = RealNodeFixtures.controller(node, "2Gi");
        ScriptedAnthropicServer model = ScriptedAnthropicServer.start(say("Never asked."))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      node.relay(git.port(), git.port());
      Workspace workspace = workspace(git, "setup-bad");
      workspace
          .getSpec()
          .setSetupCommand("echo installing; echo 'npm ERR! missing script: ci' >&2; exit 3");
      client.resource(workspace).create();
      Task task = task("setup-bad", "Never run.");
      task.getSpec().setWorkspaceRef(new LocalObjectReference("setup-bad"));
      client.resource(task).create();

      Task done = awaitFinished(client, "setup-bad");

      assertThat(done.getStatus().getPhase()).isEqualTo(TaskPhase.Failed);
      assertThat(done.getStatus().getMessage())
          .startsWith("The Workspace's setup failed (exit code 3; files or setupCommand)")
          .contains("npm ERR! missing script: ci");
      assertThat(model.requests()).isEmpty();
    }
  }

  private GitHttpServer repository() throws Exception {
    GitRepo origin = GitRepo.create(tmp.resolve("work"));
    origin.git("init", "-q", "--bare", tmp.resolve("demo.git").toString());
    origin.git("push", "-q", tmp.resolve("demo.git").toString(), "HEAD:refs/heads/main");
    return new GitHttpServer(tmp, "ghp_setup_test");
  }

  private static Workspace workspace(GitHttpServer git, String name) {
    RealNodeFixtures.secret(client, name + "-token", "GITHUB_TOKEN", "ghp_setup_test");
    return RealNodeFixtures.workspace(
        name, "http://127.0.0.1:" + git.port() + "/demo.git", "main", name + "-token");
  }
}

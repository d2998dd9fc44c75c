package io.axon.cli;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.it.RealNode;
import io.axon.controller.it.RealNodeFixtures;
import io.axon.controller.it.RealNodeFixtures.RunningController;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code axon logs -f}, started before the Task's pod exists, waits for the real agent container on
 * a real node, renders its container log (the real Claude Code CLI's stream-json) in the seed's
 * format as the kubelet streams it, and exits 0 when the Task succeeds.
 */
class LogsFollowOnRealNodeE2E {
  static RealNode node;
  static RunningController controller;
  @TempDir Path home;

  @BeforeAll
  static void start() {
    node = RealNode.start();
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
  void followingATaskRendersTheRealContainerLogInTheSeedsFormat() throws Exception {
    try (ScriptedAnthropicServer model =
        ScriptedAnthropicServer.start(
            message(text("Looking at the workspace."), bash("echo hello-from-the-pod")),
            say("Done: the pod said hello."))) {
      node.relay(RealNodeFixtures.MODEL_PORT_IN_POD, RealNodeFixtures.port(model));
      node.client().resource(RealNodeFixtures.task("hello", "Say hello from the pod.")).create();
      Cli cli = new Cli(node.client(), home);

      Cli.Running following = cli.start("logs", "hello", "-f", "-n", RealNodeFixtures.NS);
      Cli.Result result = following.await(RealNodeFixtures.TIMEOUT);

      Task done =
          node.client()
              .resources(Task.class)
              .inNamespace(RealNodeFixtures.NS)
              .withName("hello")
              .get();
      assertThat(done.getStatus().getPhase()).isEqualTo(TaskPhase.Succeeded);
      assertThat(result.exitCode()).as(result.toString()).isZero();
      List<String> lines = result.out().lines().toList();
      assertThat(lines).as(result.toString()).hasSize(7);
      assertThat(lines.get(0)).startsWith("[init] model=");
      assertThat(lines.subList(1, 6))
          .containsExactly(
              "--- Turn 1 ---",
              "Looking at the workspace.",
              "[tool] Bash: echo hello-from-the-pod",
              "--- Turn 2 ---",
              "Done: the pod said hello.");
      assertThat(lines.get(6))
          .matches("\\[result\\] completed \\(2 turns, \\$[0-9]+\\.[0-9]{2}\\)");
      // The wait said what it waited for, and it was the real pod that got streamed.
      assertThat(result.err()).contains("Task hello is");
      assertThat(model.requests()).hasSize(2);
    }
  }
}

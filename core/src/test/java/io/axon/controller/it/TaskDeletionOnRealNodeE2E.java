package io.axon.controller.it;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static io.axon.controller.it.RealNodeFixtures.MODEL_PORT_IN_POD;
import static io.axon.controller.it.RealNodeFixtures.NS;
import static io.axon.controller.it.RealNodeFixtures.TIMEOUT;
import static io.axon.controller.it.RealNodeFixtures.port;
import static io.axon.controller.it.RealNodeFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.controller.it.RealNodeFixtures.RunningController;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Deleting a running Task on a real node stops its agent container and removes its pod. */
class TaskDeletionOnRealNodeE2E {
  static RealNode node;
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
  void deletingARunningTaskStopsAndRemovesItsPod() throws Exception {
    try (RunningController controller = RealNodeFixtures.controller(node, "2Gi");
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(
                message(text("Working."), bash("echo started && tail -f /dev/null")),
                say("Never."))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      client.resource(task("long", "Work for a long time.")).create();
      Pod running =
          Eventually.await(
              TIMEOUT,
              "the agent's tool call to run (the model saw its first request)",
              () -> {
                List<Pod> pods = pods();
                return model.requests().isEmpty() || pods.isEmpty() ? null : pods.get(0);
              },
              pod -> "Running".equals(pod.getStatus().getPhase()));
      assertThat(node.runningContainers()).isNotEmpty();

      client.resources(Task.class).inNamespace(NS).withName("long").delete();

      Eventually.await(TIMEOUT, "the Task's pod to be gone", this::pods, List::isEmpty);
      Eventually.await(
          TIMEOUT, "no container running on the node", node::runningContainers, List::isEmpty);
      assertThat(client.pods().inNamespace(NS).withName(running.getMetadata().getName()).get())
          .isNull();
    }
  }

  private List<Pod> pods() {
    return client.pods().inNamespace(NS).withLabel(ApiGroup.TASK_LABEL, "long").list().getItems();
  }
}

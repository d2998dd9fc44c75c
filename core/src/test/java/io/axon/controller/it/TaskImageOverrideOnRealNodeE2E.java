package io.axon.controller.it;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.controller.it.RealNodeFixtures.MODEL_PORT_IN_POD;
import static io.axon.controller.it.RealNodeFixtures.NS;
import static io.axon.controller.it.RealNodeFixtures.awaitFinished;
import static io.axon.controller.it.RealNodeFixtures.port;
import static io.axon.controller.it.RealNodeFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.it.RealNodeFixtures.RunningController;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Task's {@code spec.image} is the image its agent runs in on a real node, instead of the
 * controller's image for the type, and an image that keeps docs/agent-image-interface.md runs the
 * Task to its end: the controller's own image here could not reach the scripted model at all.
 */
class TaskImageOverrideOnRealNodeE2E {
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
  void theTasksImageRunsItsAgent() throws Exception {
    JsonObject productionImage =
        new JsonObject()
            .put(
                "agentPod",
                new JsonObject()
                    .put("images", new JsonObject().put("claude-code", node.agentImage())));
    try (RunningController controller = RealNodeFixtures.controller(node, "2Gi", productionImage);
        ScriptedAnthropicServer model =
            ScriptedAnthropicServer.start(
                message(bash("echo ran-in-the-override")), say("Done in the Task's image."))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      Task task = task("own-image", "Say where you run.");
      task.getSpec().setImage(node.agentTestImage());
      client.resource(task).create();

      Task done = awaitFinished(client, "own-image");

      assertThat(done.getStatus().getPhase())
          .as("%s%n%s", done.getStatus(), node.logTails(15))
          .isEqualTo(TaskPhase.Succeeded);
      Pod pod = client.pods().inNamespace(NS).withName(done.getStatus().getPodName()).get();
      assertThat(pod.getSpec().getContainers())
          .filteredOn(c -> c.getName().equals("agent"))
          .singleElement()
          .satisfies(c -> assertThat(c.getImage()).isEqualTo(node.agentTestImage()));
      assertThat(RealNodeFixtures.toolResults(model.requests().get(1)))
          .contains("ran-in-the-override");
    }
  }
}

package io.axon.controller.it;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static io.axon.controller.it.RealNodeFixtures.MODEL_PORT_IN_POD;
import static io.axon.controller.it.RealNodeFixtures.NS;
import static io.axon.controller.it.RealNodeFixtures.TIMEOUT;
import static io.axon.controller.it.RealNodeFixtures.awaitFinished;
import static io.axon.controller.it.RealNodeFixtures.port;
import static io.axon.controller.it.RealNodeFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.client.render.AgentLogRenderer;
import io.axon.client.transcript.KeptTranscript;
import io.axon.controller.it.RealNodeFixtures.RunningController;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a real node, the controller (as the shipped RBAC identity) keeps a finished Task's agent log
 * in its {@code <task>-axon-log} ConfigMap: after the pod is deleted the ConfigMap still holds the
 * container's very lines, and they render as {@code axon logs} shows a run.
 */
class KeptLogOutlivesThePodOnRealNodeE2E {
  static RealNode node;
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
  void theLogIsKeptWhenTheTaskFinishesAndOutlivesItsPod() throws Exception {
    try (ScriptedAnthropicServer model =
        ScriptedAnthropicServer.start(
            message(text("Checking the date."), bash("echo kept-log-run")),
            say("Done: the log is kept."))) {
      node.relay(MODEL_PORT_IN_POD, port(model));
      client.resource(task("kept", "Print something and finish.")).create();

      Task done = awaitFinished(client, "kept");
      assertThat(done.getStatus().getPhase())
          .as("%s%n%s", done.getStatus(), node.logTails(15))
          .isEqualTo(TaskPhase.Succeeded);
      String podName = done.getStatus().getPodName();
      String original =
          client.pods().inNamespace(NS).withName(podName).inContainer("agent").getLog();
      ConfigMap map =
          Eventually.await(
              TIMEOUT,
              "the ConfigMap kept-axon-log",
              () -> client.configMaps().inNamespace(NS).withName("kept-axon-log").get(),
              m -> m != null);

      client.pods().inNamespace(NS).withName(podName).delete();
      Eventually.await(
          TIMEOUT,
          "the pod " + podName + " to be gone",
          () -> client.pods().inNamespace(NS).withName(podName).get() == null,
          gone -> gone);

      KeptTranscript kept =
          KeptTranscript.fromConfigMap(
              client.configMaps().inNamespace(NS).withName("kept-axon-log").get());
      assertThat(map.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(done.getMetadata().getUid()));
      assertThat(kept.truncated()).isFalse();
      assertThat(String.join("\n", kept.head()) + "\n").isEqualTo(original);
      AgentLogRenderer renderer =
          new AgentLogRenderer(
              AgentRegistry.load().find("claude-code").orElseThrow().newOutputReader(), false);
      List<String> rendered = new ArrayList<>();
      kept.head().forEach(line -> rendered.addAll(renderer.render(line)));
      assertThat(rendered.get(0)).startsWith("[init] model=");
      assertThat(rendered)
          .contains("--- Turn 1 ---", "Checking the date.", "[tool] Bash: echo kept-log-run")
          .anySatisfy(line -> assertThat(line).startsWith("[result] completed (2 turns, $"));
    }
  }
}

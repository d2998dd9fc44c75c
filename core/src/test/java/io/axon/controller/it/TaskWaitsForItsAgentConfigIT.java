package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.job.AgentJobBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example Task (examples/agent-config.yaml) names an AgentConfig that does not exist yet: it
 * waits, Pending, saying which; once the config is created its Job is made, with the Workspace's
 * files and setupCommand and the config's files in a setup step after the clone, the MCP server's
 * Secret reaching the agent by secretKeyRef only, and the podOverrides applied.
 */
class TaskWaitsForItsAgentConfigIT {
  static final String NS = "agent-config";
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static ControlPlane plane;
  static KubernetesClient client;
  static ControllerInstance controller;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    plane.createNamespace(NS);
    controller = new ControllerInstance(plane);
  }

  @AfterAll
  static void stop() {
    if (controller != null) {
      controller.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aTaskWaitsForItsAgentConfigThenItsJobCarriesTheConfiguration() throws Exception {
    var items =
        client
            .load(Files.newInputStream(RepoPaths.root().resolve("examples/agent-config.yaml")))
            .items();
    var config =
        items.stream().filter(i -> i.getKind().equals("AgentConfig")).findFirst().orElseThrow();
    items.stream()
        .filter(i -> !i.getKind().equals("AgentConfig"))
        .forEach(i -> client.resource(i).inNamespace(NS).create());

    Task waiting =
        Eventually.await(
            TIMEOUT,
            "the Task Pending on its AgentConfig",
            () -> client.resources(Task.class).inNamespace(NS).withName("configured-task").get(),
            t -> t.getStatus() != null && t.getStatus().getMessage() != null);
    assertThat(waiting.getStatus().getPhase()).isEqualTo(TaskPhase.Pending);
    assertThat(waiting.getStatus().getMessage())
        .contains("AgentConfig \"team-defaults\" not found in namespace \"agent-config\"");
    assertThat(client.batch().v1().jobs().inNamespace(NS).withName("configured-task").get())
        .isNull();

    client.resource(config).inNamespace(NS).create();

    Job job =
        Eventually.await(
            TIMEOUT,
            "the Task's Job once its AgentConfig exists",
            () -> client.batch().v1().jobs().inNamespace(NS).withName("configured-task").get(),
            Objects::nonNull);
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getInitContainers())
        .extracting(Container::getName)
        .containsExactly(AgentJobBuilder.CLONE_CONTAINER, AgentJobBuilder.SETUP_CONTAINER);
    Map<String, String> setup = env(pod.getInitContainers().get(1));
    assertThat(setup)
        .containsEntry("AXON_SETUP_COMMAND", "npm ci")
        .containsEntry("AXON_FILE_COUNT", "4")
        .containsValue(".env.test")
        .containsValue(".claude/CLAUDE.md")
        .containsValue(".claude.json")
        .containsValue(".claude/skills/release-notes/SKILL.md");
    assertThat(String.join("\n", setup.values())).doesNotContain("Bearer");
    assertThat(env(pod.getInitContainers().get(0)))
        .containsEntry("AXON_REMOTE_0_URL", "https://github.com/upstream-org/widgets.git");
    Container agent = pod.getContainers().get(0);
    EnvVar secret =
        agent.getEnv().stream()
            .filter(e -> e.getName().startsWith("MCP_SECRET_"))
            .findFirst()
            .orElseThrow();
    assertThat(secret.getValueFrom().getSecretKeyRef().getName()).isEqualTo("docs-mcp");
    assertThat(env(agent)).containsEntry("NODE_OPTIONS", "--max-old-space-size=6144");
    assertThat(pod.getNodeSelector()).containsEntry("pool", "agents");
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(3600L);
  }

  private static Map<String, String> env(Container container) {
    return container.getEnv().stream()
        .collect(
            Collectors.toMap(
                EnvVar::getName, e -> e.getValue() == null ? "<from>" : e.getValue(), (a, b) -> b));
  }
}

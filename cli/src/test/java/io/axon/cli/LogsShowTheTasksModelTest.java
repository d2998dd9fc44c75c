package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.codex.CodexRuntime;
import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code axon logs} of an agent whose CLI does not print its model (Codex): the {@code [init]} line
 * names the Task's {@code spec.model}, or the plugin's default that the run was given, never
 * "default".
 */
@EnableKubernetesMockClient(crud = true)
class LogsShowTheTasksModelTest {

  private static final String CODEX_START =
      "{\"type\":\"thread.started\",\"thread_id\":\"01a23a65-0f0f-7ff1-b0ca-814484a2dff0\"}\n";

  KubernetesClient client;
  KubernetesMockServer server;

  @TempDir Path home;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(client, home);
  }

  @Test
  void theTasksModelIsShown() {
    codexTask("t1", "gpt-5.5");

    assertThat(cli.run("logs", "t1").out()).startsWith("[init] model=gpt-5.5\n");
  }

  @Test
  void withoutOneThePluginsDefaultIsShown() {
    codexTask("t2", null);

    assertThat(cli.run("logs", "t2").out())
        .startsWith("[init] model=" + CodexRuntime.DEFAULT_MODEL + "\n");
  }

  private void codexTask(String name, String model) {
    Task task = Fixtures.task("test", name, null);
    task.getSpec().setType(CodexRuntime.TYPE);
    task.getSpec().setModel(model);
    Fixtures.status(client, Fixtures.create(client, task), TaskPhase.Succeeded, null, null, null);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name + "-pod")
            .withNamespace("test")
            .addToLabels(ApiGroup.TASK_LABEL, name)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("agent")
            .withImage("agent")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Succeeded")
            .endStatus()
            .build();
    client.pods().inNamespace("test").resource(pod).create();
    client.pods().inNamespace("test").resource(pod).updateStatus();
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/test/pods/%s-pod/log?pretty=false&container=agent".formatted(name))
        .andReturn(200, CODEX_START)
        .always();
  }
}

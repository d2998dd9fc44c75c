package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.cli.logs.LineProtocolRuntime;
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
 * {@code axon logs} shows the Workspace's setup step (its files and setupCommand, the pod's {@code
 * setup} init container) before the agent's work, each line tagged {@code [setup]}, and, when the
 * setupCommand failed and the agent never started, with the Task's failure.
 */
@EnableKubernetesMockClient(crud = true)
class LogsShowTheSetupStepTest {

  private static final String SETUP_OUTPUT =
      """
      axon: wrote .env.example
      axon: running the Workspace's setupCommand
      added 12 packages in 1s
      \u001b]0;retitled\u0007npm warn deprecated
      """;

  KubernetesClient client;
  KubernetesMockServer server;

  @TempDir Path home;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(client, home);
  }

  @Test
  void theSetupCommandsOutputComesFirstTaggedSetup() {
    Task task = task("t1");
    Fixtures.status(client, task, TaskPhase.Succeeded, null, null, null);
    pod("t1", "Succeeded", 0, true);
    logs("t1-pod", "setup", SETUP_OUTPUT);
    logs("t1-pod", "agent", LogsCommandTest.TRANSCRIPT);

    Cli.Result result = cli.run("logs", "t1");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            [setup] wrote .env.example
            [setup] running the Workspace's setupCommand
            [setup] added 12 packages in 1s
            [setup] ]0;retitlednpm warn deprecated
            [init] model=claude-sonnet-4-20250514
            --- Turn 1 ---
            Let me investigate issue #42...
            [tool] Bash: gh issue view 42
            --- Turn 2 ---
            PR created: https://github.com/your-org/repo/pull/123
            [result] completed (2 turns, $0.12)
            """);
  }

  @Test
  void aFailedSetupCommandsOutputIsShownWithTheFailure() {
    Task task = task("t2");
    Fixtures.status(
        client,
        task,
        TaskPhase.Failed,
        null,
        null,
        "The Workspace's setupCommand failed (exit code 1): npm ERR! missing script: ci");
    pod("t2", "Failed", 1, false);
    logs(
        "t2-pod",
        "setup",
        "axon: running the Workspace's setupCommand\nnpm ERR! missing script: ci\n");

    Cli.Result result = cli.run("logs", "t2", "-f");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .isEqualTo(
            """
            [setup] running the Workspace's setupCommand
            [setup] npm ERR! missing script: ci
            """);
    assertThat(result.err()).contains("task t2 failed: The Workspace's setupCommand failed");
  }

  @Test
  void aPodWithoutSetupStepShowsOnlyTheAgent() {
    Task task = task("t3");
    Fixtures.status(client, task, TaskPhase.Succeeded, null, null, null);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("t3-pod")
            .withNamespace("test")
            .addToLabels(ApiGroup.TASK_LABEL, "t3")
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
    logs("t3-pod", "agent", "text hello\n");

    assertThat(cli.run("logs", "t3").out()).isEqualTo("hello\n");
  }

  private Task task(String name) {
    Task task = Fixtures.task("test", name, null);
    task.getSpec().setType(LineProtocolRuntime.TYPE);
    return Fixtures.create(client, task);
  }

  /** The Task's pod as the Job makes it with a setup step that exited with {@code setupExit}. */
  private void pod(String task, String phase, int setupExit, boolean agentRan) {
    PodBuilder builder =
        new PodBuilder()
            .withNewMetadata()
            .withName(task + "-pod")
            .withNamespace("test")
            .addToLabels(ApiGroup.TASK_LABEL, task)
            .endMetadata()
            .withNewSpec()
            .addNewInitContainer()
            .withName("clone")
            .withImage("agent")
            .endInitContainer()
            .addNewInitContainer()
            .withName("setup")
            .withImage("agent")
            .endInitContainer()
            .addNewContainer()
            .withName("agent")
            .withImage("agent")
            .endContainer()
            .endSpec();
    var status =
        builder
            .withNewStatus()
            .withPhase(phase)
            .addNewInitContainerStatus()
            .withName("setup")
            .withNewState()
            .withNewTerminated()
            .withExitCode(setupExit)
            .endTerminated()
            .endState()
            .endInitContainerStatus()
            .addNewContainerStatus()
            .withName("agent")
            .withNewState();
    Pod pod =
        (agentRan
                ? status.withNewTerminated().withExitCode(0).endTerminated()
                : status.withNewWaiting().withReason("PodInitializing").endWaiting())
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    client.pods().inNamespace("test").resource(pod).create();
    client.pods().inNamespace("test").resource(pod).updateStatus();
  }

  private void logs(String pod, String container, String text) {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/test/pods/%s/log?pretty=false&container=%s"
                .formatted(pod, container))
        .andReturn(200, text)
        .always();
  }
}

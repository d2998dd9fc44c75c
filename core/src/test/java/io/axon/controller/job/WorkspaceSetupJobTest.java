package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.GitRemote;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceFile;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A Workspace's files, setupCommand, remotes and clone mode in the Job. */
class WorkspaceSetupJobTest {
  private final AgentJobBuilder builder = new AgentJobBuilder(AgentPodSettings.DEFAULTS);

  @Test
  void filesAndTheSetupCommandRunInASetupStepAfterTheCloneWithTheAgentsResources() {
    Workspace workspace = Fixtures.workspace("w");
    workspace
        .getSpec()
        .setFiles(List.of(new WorkspaceFile(".env.test", "A=1\n"), new WorkspaceFile("b/c", "")));
    workspace.getSpec().setSetupCommand("npm ci");

    PodSpec pod =
        builder
            .build(
                Fixtures.taskWithWorkspace("t", "w"), Optional.of(workspace), Fixtures.claudeLike())
            .getSpec()
            .getTemplate()
            .getSpec();

    assertThat(pod.getInitContainers())
        .extracting(Container::getName)
        .containsExactly(AgentJobBuilder.CLONE_CONTAINER, AgentJobBuilder.SETUP_CONTAINER);
    Container setup = pod.getInitContainers().get(1);
    assertThat(setup.getCommand()).containsExactly("/bin/sh", "-c", SetupScript.SCRIPT);
    assertThat(env(setup))
        .containsEntry("AXON_FILE_COUNT", "2")
        .containsEntry("AXON_FILE_0_DIR", "/workspace/repo")
        .containsEntry("AXON_FILE_0_PATH", ".env.test")
        .containsEntry("AXON_FILE_0_CONTENT", "A=1\n")
        .containsEntry("AXON_FILE_1_CONTENT", "")
        .containsEntry("AXON_SETUP_COMMAND", "npm ci")
        .containsEntry("AXON_WORKSPACE_DIR", "/workspace/repo")
        .doesNotContainKey("GITHUB_TOKEN");
    assertThat(setup.getResources()).isEqualTo(pod.getContainers().get(0).getResources());
    assertThat(setup.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(setup.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
  }

  @Test
  void fileContentsAndTheSetupCommandReachTheSetupStepAsWrittenThroughTheKubelet() {
    String content = "PID=$$ HOME=$(HOME) X=${X} $";
    String command = "echo $$ $(HOME) $(pwd)";
    Workspace workspace = Fixtures.workspace("w");
    workspace.getSpec().setFiles(List.of(new WorkspaceFile("run.sh", content)));
    workspace.getSpec().setSetupCommand(command);

    Container setup =
        builder
            .build(
                Fixtures.taskWithWorkspace("t", "w"), Optional.of(workspace), Fixtures.claudeLike())
            .getSpec()
            .getTemplate()
            .getSpec()
            .getInitContainers()
            .get(1);

    Map<String, String> set = new java.util.HashMap<>();
    for (EnvVar var : setup.getEnv()) {
      set.put(var.getName(), KubeletExpansion.expand(var.getValue(), Map.copyOf(set)));
    }
    assertThat(set)
        .containsEntry("AXON_FILE_0_CONTENT", content)
        .containsEntry("AXON_SETUP_COMMAND", command)
        .containsEntry("HOME", AgentJobBuilder.HOME_DIR);
  }

  @Test
  void aWorkspaceWithNothingToSetUpHasNoSetupStep() {
    PodSpec pod =
        builder
            .build(
                Fixtures.taskWithWorkspace("t", "w"),
                Optional.of(Fixtures.workspace("w")),
                Fixtures.claudeLike())
            .getSpec()
            .getTemplate()
            .getSpec();

    assertThat(pod.getInitContainers())
        .extracting(Container::getName)
        .containsExactly(AgentJobBuilder.CLONE_CONTAINER);
  }

  @Test
  void remotesAndAWholeCloneReachTheCloneStep() {
    Workspace workspace = Fixtures.workspace("w");
    workspace
        .getSpec()
        .setRemotes(List.of(new GitRemote("upstream", "https://github.com/u/r.git")));
    workspace.getSpec().setPartialClone(false);

    Container clone =
        builder
            .build(
                Fixtures.taskWithWorkspace("t", "w"), Optional.of(workspace), Fixtures.claudeLike())
            .getSpec()
            .getTemplate()
            .getSpec()
            .getInitContainers()
            .get(0);

    assertThat(env(clone))
        .containsEntry("AXON_PARTIAL_CLONE", "false")
        .containsEntry("AXON_REMOTE_COUNT", "1")
        .containsEntry("AXON_REMOTE_0_NAME", "upstream")
        .containsEntry("AXON_REMOTE_0_URL", "https://github.com/u/r.git");
  }

  private static Map<String, String> env(Container container) {
    return container.getEnv().stream()
        .collect(
            Collectors.toMap(
                EnvVar::getName, e -> e.getValue() == null ? "<from>" : e.getValue(), (a, b) -> b));
  }
}

package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.GitRemote;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentJobBuilderTest {
  private final AgentJobBuilder builder = new AgentJobBuilder(AgentPodSettings.DEFAULTS);

  @Test
  void taskWithWorkspaceBecomesExactlyTheExpectedJob() throws IOException {
    Task task = Fixtures.taskWithWorkspace("hello-world", "my-workspace");
    task.getSpec().setModel("claude-sonnet-4-20250514");

    Job job =
        builder.build(task, Optional.of(Fixtures.workspace("my-workspace")), Fixtures.claudeLike());

    assertThat(Serialization.asYaml(job))
        .isEqualTo(resource("/jobs/hello-world-with-workspace.yaml"));
  }

  @Test
  void taskWithoutWorkspaceHasNoCloneStepAndWorksInTheScratchDirectory() {
    Job job = builder.build(Fixtures.task("bare"), Optional.empty(), Fixtures.claudeLike());

    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getInitContainers()).isEmpty();
    Container agent = pod.getContainers().get(0);
    assertThat(agent.getWorkingDir()).isEqualTo("/workspace");
    assertThat(env(agent)).containsEntry("AXON_WORKSPACE_DIR", "/workspace");
    assertThat(env(agent)).doesNotContainKeys("GITHUB_TOKEN", "AXON_MODEL");
  }

  @Test
  void podMeetsTheRestrictedPodSecurityStandard() {
    Job job =
        builder.build(
            Fixtures.taskWithWorkspace("t", "w"),
            Optional.of(Fixtures.workspace("w")),
            Fixtures.claudeLike());
    PodSpec pod = job.getSpec().getTemplate().getSpec();

    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getHostNetwork()).isNull();
    for (Container c : concat(pod)) {
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
      assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(c.getSecurityContext().getCapabilities().getAdd()).isEmpty();
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
      assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
      assertThat(c.getVolumeMounts())
          .allMatch(
              m ->
                  Boolean.TRUE.equals(m.getReadOnly())
                      || m.getMountPath().startsWith("/workspace")
                      || m.getMountPath().equals("/home/agent")
                      || m.getMountPath().equals("/tmp"));
    }
  }

  @Test
  void promptTravelsAsAFileFromThePodsAnnotationNeverInArgvEnvOrAShell() {
    Task task = Fixtures.task("hostile");
    String prompt =
        "Fix \"it\"; $(rm -rf /) `id` \n\t ünïcødé 🚀 {{.Title}} ${HOME}" + "x".repeat(140_000);
    task.getSpec().setPrompt(prompt);

    PodTemplateSpec template =
        builder.build(task, Optional.empty(), Fixtures.claudeLike()).getSpec().getTemplate();
    Container agent = template.getSpec().getContainers().get(0);

    assertThat(template.getMetadata().getAnnotations()).containsEntry("axon.io/prompt", prompt);
    assertThat(env(agent))
        .containsEntry("AXON_PROMPT_FILE", "/etc/axon/task/prompt")
        .doesNotContainKey("AXON_PROMPT")
        .doesNotContainValue(prompt);
    Volume volume =
        template.getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("prompt"))
            .findFirst()
            .orElseThrow();
    assertThat(volume.getDownwardAPI().getItems())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.getPath()).isEqualTo("prompt");
              assertThat(item.getFieldRef().getFieldPath())
                  .isEqualTo("metadata.annotations['axon.io/prompt']");
            });
    assertThat(agent.getVolumeMounts())
        .anyMatch(
            m ->
                m.getName().equals("prompt")
                    && m.getMountPath().equals("/etc/axon/task")
                    && Boolean.TRUE.equals(m.getReadOnly()));
    assertThat(agent.getCommand()).isEmpty();
    assertThat(agent.getArgs()).isEmpty();
  }

  @Test
  void imageCanBeOverriddenPerAgentType() {
    AgentJobBuilder custom =
        new AgentJobBuilder(
            new AgentPodSettings(
                Map.of("claude-code", "registry.local/agent:1"), "1", "1Gi", "2", "2Gi"));
    Job job = custom.build(Fixtures.task("t"), Optional.empty(), Fixtures.claudeLike());
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.local/agent:1");
  }

  /**
   * The kubelet expands {@code $(NAME)} in a plain value from earlier variables (the real node
   * proves it in WorkspaceSetupOnRealNodeE2E): a model, branch, ref or URL holding one must reach
   * the container as written, not with ANTHROPIC_API_KEY's value in it.
   */
  @Test
  void everyValueFromASpecReachesItsContainerAsWrittenNotExpandedByTheKubelet() {
    String reference = "$(ANTHROPIC_API_KEY)";
    Task task = Fixtures.taskWithWorkspace("t", "w");
    task.getSpec().setModel("model-" + reference);
    task.getSpec().setBranch("branch-" + reference);
    Workspace workspace = Fixtures.workspace("w");
    workspace.getSpec().setRef("ref-" + reference);
    workspace
        .getSpec()
        .setRemotes(List.of(new GitRemote("up", "https://example.com/" + reference)));

    PodSpec pod =
        builder
            .build(task, Optional.of(workspace), Fixtures.claudeLike())
            .getSpec()
            .getTemplate()
            .getSpec();

    Map<String, String> written = new java.util.LinkedHashMap<>();
    for (Container c : concat(pod)) {
      c.getEnv().stream()
          .filter(e -> e.getValue() != null)
          .forEach(e -> written.put(c.getName() + "/" + e.getName(), e.getValue()));
    }
    assertThat(written)
        .containsValues(
            "model-$" + reference,
            "branch-$" + reference,
            "ref-$" + reference,
            "https://example.com/$" + reference);
    assertThat(written.values())
        .as("nothing left for the kubelet to expand")
        .noneMatch(value -> value.replace("$$", "").contains("$("));
  }

  private static java.util.List<Container> concat(PodSpec pod) {
    java.util.List<Container> all = new java.util.ArrayList<>(pod.getInitContainers());
    all.addAll(pod.getContainers());
    return all;
  }

  static Map<String, String> env(Container container) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    container.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
    return env;
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = AgentJobBuilderTest.class.getResourceAsStream(path)) {
      assertThat(in).as("test resource %s", path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

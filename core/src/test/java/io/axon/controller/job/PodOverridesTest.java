package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Credentials;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.PodOverrides;
import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A Task's image and podOverrides in its Job, with Axon's own settings winning. */
class PodOverridesTest {
  private final AgentJobBuilder builder = new AgentJobBuilder(AgentPodSettings.DEFAULTS);

  @Test
  void everyOverrideReachesThePodAndTheHardeningStays() {
    Task task = Fixtures.taskWithWorkspace("t", "w");
    PodOverrides o = new PodOverrides();
    o.setResources(
        new ResourceRequirementsBuilder()
            .withRequests(Map.of("cpu", new Quantity("1"), "nvidia.com/gpu", new Quantity("1")))
            .withLimits(Map.of("memory", new Quantity("8Gi"), "nvidia.com/gpu", new Quantity("1")))
            .build());
    o.setNodeSelector(Map.of("pool", "agents"));
    o.setTolerations(
        List.of(
            new TolerationBuilder()
                .withKey("dedicated")
                .withOperator("Equal")
                .withValue("agents")
                .withEffect("NoSchedule")
                .build()));
    o.setAffinity(
        new AffinityBuilder()
            .withNewNodeAffinity()
            .withNewRequiredDuringSchedulingIgnoredDuringExecution()
            .addNewNodeSelectorTerm()
            .addNewMatchExpression()
            .withKey("zone")
            .withOperator("In")
            .withValues("a")
            .endMatchExpression()
            .endNodeSelectorTerm()
            .endRequiredDuringSchedulingIgnoredDuringExecution()
            .endNodeAffinity()
            .build());
    o.setEnv(
        List.of(
            env("LOG_LEVEL", "debug"),
            new EnvVarBuilder()
                .withName("NPM_TOKEN")
                .withNewValueFrom()
                .withNewSecretKeyRef("token", "npm", null)
                .endValueFrom()
                .build()));
    o.setImagePullSecrets(List.of(new LocalObjectReference("registry")));
    o.setActiveDeadlineSeconds(600L);
    o.setLabels(Map.of("team", "a"));
    o.setAnnotations(Map.of("example.com/cost-center", "42"));
    o.setServiceAccountName("agent-sa");
    task.getSpec().setPodOverrides(o);
    task.getSpec().setImage("registry.example.com/my-agent:1");

    Job job = builder.build(task, Optional.of(Fixtures.workspace("w")), Fixtures.claudeLike());

    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container agent = pod.getContainers().get(0);
    assertThat(agent.getImage()).isEqualTo("registry.example.com/my-agent:1");
    assertThat(pod.getInitContainers().get(0).getImage())
        .isEqualTo("registry.example.com/my-agent:1");
    assertThat(agent.getResources().getRequests())
        .containsEntry("cpu", new Quantity("1"))
        .containsEntry("memory", new Quantity("512Mi"))
        .containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(agent.getResources().getLimits())
        .containsEntry("cpu", new Quantity("2"))
        .containsEntry("memory", new Quantity("8Gi"));
    assertThat(pod.getNodeSelector()).containsExactly(Map.entry("pool", "agents"));
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
    assertThat(
            pod.getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms())
        .hasSize(1);
    assertThat(env(agent)).containsEntry("LOG_LEVEL", "debug").containsKey("NPM_TOKEN");
    assertThat(agent.getEnv().stream().filter(e -> e.getName().equals("NPM_TOKEN")).findFirst())
        .get()
        .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("npm"));
    assertThat(pod.getImagePullSecrets())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo("registry"));
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("team", "a")
        .containsEntry("axon.io/task", "t");
    assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("example.com/cost-center", "42")
        .containsKey(AgentJobBuilder.PROMPT_ANNOTATION);
    assertThat(pod.getServiceAccountName()).isEqualTo("agent-sa");
    // A service account alone does not bring its token: only workload identity does.
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    for (Container c : List.of(agent, pod.getInitContainers().get(0))) {
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }
  }

  @Test
  void axonsOwnVariablesWinAndTheIgnoredNamesAreNotedOnTheJob() {
    Task task = Fixtures.taskWithWorkspace("t", "w");
    PodOverrides o = new PodOverrides();
    o.setEnv(List.of(env("CLAUDE_CODE_OAUTH_TOKEN", "stolen"), env("EXTRA", "1")));
    task.getSpec().setPodOverrides(o);

    Job job = builder.build(task, Optional.of(Fixtures.workspace("w")), Fixtures.claudeLike());

    Container agent = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    List<EnvVar> credential =
        agent.getEnv().stream().filter(e -> e.getName().equals("CLAUDE_CODE_OAUTH_TOKEN")).toList();
    assertThat(credential).singleElement().satisfies(e -> assertThat(e.getValueFrom()).isNotNull());
    assertThat(env(agent)).containsEntry("EXTRA", "1");
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(AgentJobBuilder.IGNORED_ENV_ANNOTATION, "CLAUDE_CODE_OAUTH_TOKEN");
  }

  @Test
  void aRequestAboveTheDefaultLimitRaisesThatLimit() {
    Task task = Fixtures.task("t");
    PodOverrides o = new PodOverrides();
    o.setResources(
        new ResourceRequirementsBuilder()
            .withRequests(Map.of("memory", new Quantity("6Gi")))
            .build());
    task.getSpec().setPodOverrides(o);

    Container agent =
        builder
            .build(task, Optional.empty(), Fixtures.claudeLike())
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);

    assertThat(agent.getResources().getLimits()).containsEntry("memory", new Quantity("6Gi"));
  }

  @Test
  void workloadIdentityMountsTheServiceAccountTokenAndNoCredentialVariable() {
    Task task = Fixtures.task("t");
    task.getSpec().setCredentials(new Credentials(CredentialType.NONE, null));
    task.getSpec().getCredentials().setSecretRef(null);
    PodOverrides o = new PodOverrides();
    o.setServiceAccountName("vertex-agent");
    task.getSpec().setPodOverrides(o);

    Job job = builder.build(task, Optional.empty(), Fixtures.claudeLike());

    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getAutomountServiceAccountToken()).isTrue();
    assertThat(pod.getServiceAccountName()).isEqualTo("vertex-agent");
    assertThat(env(pod.getContainers().get(0)))
        .doesNotContainKeys("CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_API_KEY");
  }

  @Test
  void theSameTaskAlwaysYieldsTheSameJob() {
    Task task = Fixtures.task("t");
    PodOverrides o = new PodOverrides();
    o.setLabels(Map.of("b", "2", "a", "1", "c", "3"));
    o.setAnnotations(Map.of("z", "1", "y", "2"));
    task.getSpec().setPodOverrides(o);

    String first =
        Serialization.asYaml(builder.build(task, Optional.empty(), Fixtures.claudeLike()));
    Task again = Serialization.clone(task);

    assertThat(Serialization.asYaml(builder.build(again, Optional.empty(), Fixtures.claudeLike())))
        .isEqualTo(first);
  }

  private static EnvVar env(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private static Map<String, String> env(Container container) {
    return container.getEnv().stream()
        .collect(
            Collectors.toMap(
                EnvVar::getName, e -> e.getValue() == null ? "<from>" : e.getValue(), (a, b) -> b));
  }
}

package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.FakeAgentRuntime;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.ModelApi;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With the gateway on, a pod holds the per-Task token where the real credentials were. */
class GatewayJobTest {
  static final String GATEWAY = "http://axon-gateway.axon-system.svc:8080";
  final AgentJobBuilder builder =
      new AgentJobBuilder(AgentPodSettings.DEFAULTS, Optional.of(GATEWAY));

  @Test
  void theJobNamesOnlyTheTokenSecretAndTheGatewaysAddresses() {
    Task task = Fixtures.taskWithWorkspace("fix-42", "w");
    Job job = builder.build(task, Optional.of(Fixtures.workspace("w")), Fixtures.claudeLike());
    String yaml = Serialization.asYaml(job);
    assertThat(yaml).doesNotContain("claude-oauth").doesNotContain("github-token");

    Container agent = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, EnvVar> env = env(agent);
    assertThat(env.get("CLAUDE_CODE_OAUTH_TOKEN").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("fix-42-axon-gateway");
    assertThat(env.get("GITHUB_TOKEN").getValueFrom().getSecretKeyRef().getKey())
        .isEqualTo("token");
    assertThat(env.get("ANTHROPIC_BASE_URL").getValue()).isEqualTo(GATEWAY + "/anthropic");
    assertThat(env.get("GITHUB_API_URL").getValue()).isEqualTo(GATEWAY + "/github");
    // gh: plain HTTP to its development host goes through HTTP_PROXY, the gateway.
    assertThat(env.get("GH_HOST").getValue()).isEqualTo("github.localhost");
    assertThat(env.get("GH_REPO").getValue()).isEqualTo("your-org/your-repo");
    assertThat(env.get("HTTPS_PROXY").getValue())
        .isEqualTo("http://axon:$(AXON_GATEWAY_TOKEN)@axon-gateway.axon-system.svc:8080");
    assertThat(env.get("NO_PROXY").getValue()).isEqualTo("axon-gateway.axon-system.svc");
    // origin is on GH_HOST; libcurl ignores HTTP_PROXY, so git's proxy for that host is set apart.
    assertThat(env.get("GIT_CONFIG_COUNT").getValue()).isEqualTo("2");
    assertThat(env.get("GIT_CONFIG_KEY_0").getValue())
        .isEqualTo("http.http://github.localhost.proxy");
    assertThat(env.get("GIT_CONFIG_VALUE_0").getValue())
        .isEqualTo(env.get("HTTPS_PROXY").getValue());
    assertThat(env.get("GIT_CONFIG_KEY_1").getValue())
        .isEqualTo("http.http://github.localhost.proxyAuthMethod");
    assertThat(env.get("GIT_CONFIG_VALUE_1").getValue()).isEqualTo("basic");
    assertThat(agent.getEnv().indexOf(env.get("AXON_GATEWAY_TOKEN")))
        .isLessThan(agent.getEnv().indexOf(env.get("GIT_CONFIG_VALUE_0")));
    // kubelet expands $(VAR) only from variables defined before.
    assertThat(agent.getEnv().indexOf(env.get("AXON_GATEWAY_TOKEN")))
        .isLessThan(agent.getEnv().indexOf(env.get("HTTPS_PROXY")));

    Container clone = job.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    Map<String, EnvVar> cloneEnv = env(clone);
    assertThat(cloneEnv.get("AXON_REPO").getValue())
        .isEqualTo(GATEWAY + "/git/github.com/your-org/your-repo.git");
    assertThat(cloneEnv.get("AXON_CREDENTIAL_ORIGIN").getValue()).isEqualTo(GATEWAY);
    assertThat(cloneEnv.get("AXON_ORIGIN_URL").getValue())
        .isEqualTo("http://github.localhost/your-org/your-repo.git");
    assertThat(cloneEnv.get("GITHUB_TOKEN").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("fix-42-axon-gateway");
  }

  @Test
  void aRepositoryNotAtOwnerSlashRepoKeepsTheGatewaysUrlAsOrigin() {
    Task task = Fixtures.taskWithWorkspace("fix-42", "w");
    var workspace = Fixtures.workspace("w");
    workspace.getSpec().setRepo("https://git.example.com/group/sub/repo.git");
    Job job = builder.build(task, Optional.of(workspace), Fixtures.claudeLike());
    Map<String, EnvVar> agent = env(job.getSpec().getTemplate().getSpec().getContainers().get(0));
    Map<String, EnvVar> clone =
        env(job.getSpec().getTemplate().getSpec().getInitContainers().get(0));
    assertThat(agent).doesNotContainKeys("GH_REPO", "GIT_CONFIG_COUNT");
    assertThat(clone).doesNotContainKey("AXON_ORIGIN_URL");
    assertThat(clone.get("AXON_REPO").getValue())
        .isEqualTo(GATEWAY + "/git/git.example.com/group/sub/repo.git");
  }

  @Test
  void withoutTheGatewayTheJobIsAsBefore() {
    Task task = Fixtures.taskWithWorkspace("fix-42", "w");
    Job plain =
        new AgentJobBuilder(AgentPodSettings.DEFAULTS)
            .build(task, Optional.of(Fixtures.workspace("w")), Fixtures.claudeLike());
    assertThat(Serialization.asYaml(plain)).contains("claude-oauth").doesNotContain("axon-gateway");
  }

  @Test
  void codexAndGeminiHoldTheTokenAsTheirKeyAndTheGatewayAsTheirModelApi() {
    AgentRegistry agents = AgentRegistry.load();
    Map<String, String[]> expected =
        Map.of(
            "codex", new String[] {"OPENAI_API_KEY", "OPENAI_BASE_URL", GATEWAY + "/openai"},
            "gemini",
                new String[] {"GEMINI_API_KEY", "GOOGLE_GEMINI_BASE_URL", GATEWAY + "/gemini"},
            "opencode",
                new String[] {"ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", GATEWAY + "/anthropic"});
    expected.forEach(
        (type, vars) -> {
          Task task = Fixtures.taskWithWorkspace("fix-42", "w");
          task.getSpec().setType(type);
          Job job =
              builder.build(
                  task, Optional.of(Fixtures.workspace("w")), agents.find(type).orElseThrow());
          assertThat(Serialization.asYaml(job))
              .as(type)
              .doesNotContain("claude-oauth")
              .doesNotContain("github-token");
          Map<String, EnvVar> env =
              env(job.getSpec().getTemplate().getSpec().getContainers().get(0));
          assertThat(env.get(vars[0]).getValueFrom().getSecretKeyRef().getName())
              .as(type)
              .isEqualTo("fix-42-axon-gateway");
          assertThat(env.get(vars[1]).getValue()).as(type).isEqualTo(vars[2]);
          assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
              .as(type)
              .containsEntry("axon.io/egress", "gateway");
        });
  }

  @Test
  void anAgentWhoseModelApiTheGatewayDoesNotSpeakKeepsItsOwnCredentials() {
    Task task = Fixtures.taskWithWorkspace("fix-42", "w");
    task.getSpec().setType("other");
    AgentRuntime other =
        new FakeAgentRuntime("other", "ghcr.io/example/other:1", "1", "other") {
          @Override
          public Optional<ModelApi> modelApi() {
            return Optional.of(new ModelApi("OTHER_BASE_URL", "https://other.example"));
          }
        };
    Job job = builder.build(task, Optional.of(Fixtures.workspace("w")), other);
    assertThat(Serialization.asYaml(job)).contains("claude-oauth").doesNotContain("axon-gateway");
  }

  private static Map<String, EnvVar> env(Container container) {
    Map<String, EnvVar> env = new LinkedHashMap<>();
    container.getEnv().forEach(e -> env.put(e.getName(), e));
    return env;
  }
}

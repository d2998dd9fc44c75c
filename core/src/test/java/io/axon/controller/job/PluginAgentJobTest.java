package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Task of each agent type the controller ships runs that plugin's image with the plugin's
 * credential variable from the Task's Secret and the agent type the entrypoint picks.
 */
class PluginAgentJobTest {

  @ParameterizedTest
  @CsvSource({
    "codex, ghcr.io/axon-core/axon-codex:, OPENAI_API_KEY",
    "gemini, ghcr.io/axon-core/axon-gemini:, GEMINI_API_KEY",
    "opencode, ghcr.io/axon-core/axon-opencode:, ANTHROPIC_API_KEY"
  })
  void aTaskOfAPluginTypeRunsThatPluginsImageWithItsCredential(
      String type, String imageRepository, String credentialVariable) {
    AgentRuntime runtime = AgentRegistry.load().find(type).orElseThrow();
    Task task = Fixtures.task("t-" + type);
    task.getSpec().setType(type);
    task.getSpec()
        .setCredentials(new io.axon.api.v1alpha1.Credentials(CredentialType.API_KEY, "keys"));

    Job job = new AgentJobBuilder(AgentPodSettings.DEFAULTS).build(task, Optional.empty(), runtime);

    Container agent = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(agent.getImage()).isEqualTo(imageRepository + runtime.cliVersion());
    assertThat(AgentJobBuilderTest.env(agent)).containsEntry("AXON_AGENT_TYPE", type);
    EnvVar credential =
        agent.getEnv().stream()
            .filter(e -> e.getName().equals(credentialVariable))
            .findFirst()
            .orElseThrow();
    assertThat(credential.getValue()).isNull();
    assertThat(credential.getValueFrom().getSecretKeyRef().getName()).isEqualTo("keys");
    assertThat(credential.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(credentialVariable);
  }
}

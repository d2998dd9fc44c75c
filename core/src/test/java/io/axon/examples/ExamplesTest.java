package io.axon.examples;

import static io.axon.controller.ControllerHarness.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The YAML in examples/ is applied as a user would and becomes the Jobs it should. */
@EnableKubernetesMockClient(crud = true)
class ExamplesTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  KubernetesClient client;

  @Test
  void theSeedsTaskWithWorkspaceClonesTheRepositoryAndRunsClaudeCode() throws IOException {
    try (ControllerHarness harness =
        new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()))) {
      apply("workspace.yaml");
      apply("task-with-workspace.yaml");

      awaitTask(
          client,
          "hello-world",
          t ->
              t.getStatus() != null
                  && t.getStatus().getPhase() == TaskPhase.Pending
                  && t.getStatus().getJobName() != null,
          "Job");
      Job job =
          client.batch().v1().jobs().inNamespace(Fixtures.NAMESPACE).withName("hello-world").get();
      Container clone = job.getSpec().getTemplate().getSpec().getInitContainers().get(0);
      assertThat(value(clone.getEnv(), "AXON_REPO"))
          .isEqualTo("https://github.com/your-org/your-repo.git");
      assertThat(value(clone.getEnv(), "AXON_REF")).isEqualTo("main");
      Container agent = job.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(value(agent.getEnv(), "AXON_PROMPT"))
          .isEqualTo("Create a hello world program in Python");
      assertThat(agent.getEnv())
          .anyMatch(
              e ->
                  e.getName().equals("CLAUDE_CODE_OAUTH_TOKEN")
                      && e.getValueFrom().getSecretKeyRef().getName().equals("claude-oauth"));
    }
  }

  @Test
  void theSimpleTaskRunsWithoutAWorkspace() throws IOException {
    try (ControllerHarness harness =
        new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()))) {
      apply("task.yaml");

      awaitTask(
          client,
          "hello-world",
          t -> t.getStatus() != null && t.getStatus().getJobName() != null,
          "Job");
      Job job =
          client.batch().v1().jobs().inNamespace(Fixtures.NAMESPACE).withName("hello-world").get();
      assertThat(job.getSpec().getTemplate().getSpec().getInitContainers()).isEmpty();
    }
  }

  @Test
  void everyExampleParsesAsAxonResources() throws IOException {
    try (var files = Files.walk(EXAMPLES)) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).toList();
      assertThat(yaml).isNotEmpty();
      for (Path file : yaml) {
        try (InputStream in = Files.newInputStream(file)) {
          List<HasMetadata> objects = client.load(in).items();
          assertThat(objects).as(file.toString()).isNotEmpty();
          assertThat(objects)
              .as(file.toString())
              .allMatch(o -> o.getApiVersion().equals("axon.io/v1alpha1"));
          objects.stream()
              .filter(Task.class::isInstance)
              .map(Task.class::cast)
              .forEach(
                  task -> {
                    assertThat(task.getSpec().getPrompt()).isNotBlank();
                    assertThat(task.getSpec().getCredentials().getSecretRef().getName())
                        .isNotBlank();
                  });
        }
      }
    }
  }

  private void apply(String file) throws IOException {
    try (InputStream in = Files.newInputStream(EXAMPLES.resolve(file))) {
      client.load(in).inNamespace(Fixtures.NAMESPACE).create();
    }
  }

  private static String value(List<EnvVar> env, String name) {
    return env.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
  }
}

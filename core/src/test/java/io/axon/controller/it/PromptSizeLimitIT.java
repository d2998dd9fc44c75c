package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.controller.Fixtures;
import io.axon.controller.job.AgentJobBuilder;
import io.axon.controller.job.AgentPodSettings;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real API server accepts a Task whose prompt is at the documented limit, in bytes of UTF-8, and
 * the Job that carries it to the agent; one byte more is refused with the schema's message.
 */
class PromptSizeLimitIT {
  static final String NS = "prompt-size";
  static ControlPlane plane;
  static KubernetesClient client;

  @BeforeAll
  static void startControlPlane() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    plane.createNamespace(NS);
  }

  @AfterAll
  static void stopControlPlane() {
    if (plane != null) {
      plane.close();
    }
  }

  /** Three-byte characters, a newline now and then, and ASCII to make up the exact length. */
  private static String promptOfBytes(int bytes) {
    StringBuilder prompt = new StringBuilder();
    while (prompt.toString().getBytes(StandardCharsets.UTF_8).length + 64 <= bytes) {
      prompt.append("日本語 $(not a shell) \"quoted\" {{.Body}}\n".repeat(64));
    }
    int left = bytes - prompt.toString().getBytes(StandardCharsets.UTF_8).length;
    while (left < 0) {
      prompt.setLength(prompt.length() - 1);
      left = bytes - prompt.toString().getBytes(StandardCharsets.UTF_8).length;
    }
    prompt.append("x".repeat(left));
    assertThat(prompt.toString().getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
    return prompt.toString();
  }

  private static Task task(String name, String prompt) {
    Task task = Fixtures.task(NS, name);
    task.getSpec().setPrompt(prompt);
    return task;
  }

  @Test
  void aPromptAtTheLimitIsAcceptedAndItsJobTooAndOneByteMoreIsRefused() {
    String prompt = promptOfBytes(TaskSpec.PROMPT_MAX_BYTES);
    Task created = client.resource(task("at-limit", prompt)).create();
    assertThat(created.getSpec().getPrompt()).isEqualTo(prompt);

    Job job =
        new AgentJobBuilder(AgentPodSettings.DEFAULTS)
            .build(created, Optional.empty(), Fixtures.claudeLike());
    Job stored = client.resource(job).inNamespace(NS).create();
    assertThat(
            stored
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(AgentJobBuilder.PROMPT_ANNOTATION))
        .isEqualTo(prompt);

    Task over = task("over-limit", promptOfBytes(TaskSpec.PROMPT_MAX_BYTES + 1));
    assertThatThrownBy(() -> client.resource(over).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("the prompt is longer than 192 KiB (196608 bytes of UTF-8)");
  }
}

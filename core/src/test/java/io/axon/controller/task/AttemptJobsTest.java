package io.axon.controller.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.Fixtures;
import io.axon.controller.job.AgentJobBuilder;
import io.axon.controller.job.AgentPodSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttemptJobsTest {

  @Test
  void theFirstAttemptIsTheJobAsBuiltWithADisruptionPolicy() {
    Job built = build();
    String before = Serialization.asJson(built.getSpec().getTemplate());
    Job first = AttemptJobs.forAttempt(built, "t", 1, null, Optional.of("axon/t-wip"));
    assertThat(first.getMetadata().getName()).isEqualTo("t");
    assertThat(Serialization.asJson(first.getSpec().getTemplate())).isEqualTo(before);
    assertThat(first.getSpec().getPodFailurePolicy().getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getAction()).isEqualTo("FailJob");
              assertThat(rule.getOnPodConditions())
                  .extracting(c -> c.getType() + "=" + c.getStatus())
                  .containsExactly("DisruptionTarget=True");
            });
  }

  @Test
  void aLaterAttemptFromASalvagedBranchClonesItAndThePromptSaysSo() {
    Job job = AttemptJobs.forAttempt(build(), "t", 2, "LimitReached", Optional.of("axon/t-wip"));

    assertThat(job.getMetadata().getName()).isEqualTo("t-attempt-2");
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(AttemptJobs.ATTEMPT_ANNOTATION, "2");
    Container clone = job.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    assertThat(clone.getEnv())
        .filteredOn(e -> "AXON_REF".equals(e.getName()))
        .extracting(EnvVar::getValue)
        .containsExactly("axon/t-wip");
    String prompt =
        job.getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations()
            .get(AgentJobBuilder.PROMPT_ANNOTATION);
    assertThat(prompt)
        .startsWith(Fixtures.task("t").getSpec().getPrompt())
        .endsWith(AttemptJobs.note(2, "LimitReached", "axon/t-wip"))
        .contains("attempt 2", "axon/t-wip", "checked out in your workspace");
  }

  @Test
  void aLaterAttemptWithoutABranchKeepsThePromptAndRef() {
    Job built = build();
    String prompt = prompt(built);
    String clone =
        Serialization.asJson(built.getSpec().getTemplate().getSpec().getInitContainers());
    Job job = AttemptJobs.forAttempt(built, "t", 3, "Evicted", Optional.empty());
    assertThat(job.getMetadata().getName()).isEqualTo("t-attempt-3");
    assertThat(prompt(job)).isEqualTo(prompt);
    assertThat(Serialization.asJson(job.getSpec().getTemplate().getSpec().getInitContainers()))
        .isEqualTo(clone);
  }

  private static String prompt(Job job) {
    return job.getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(AgentJobBuilder.PROMPT_ANNOTATION);
  }

  private static Job build() {
    Task task = Fixtures.taskWithWorkspace("t", "ws");
    Workspace workspace = Fixtures.workspace("ws");
    return new AgentJobBuilder(AgentPodSettings.DEFAULTS)
        .build(task, Optional.of(workspace), Fixtures.claudeLike());
  }
}

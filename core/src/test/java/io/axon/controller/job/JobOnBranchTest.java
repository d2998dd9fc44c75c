package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Task's spec.branch reaches the clone step (which checks it out) and the agent. */
class JobOnBranchTest {
  private final AgentJobBuilder builder = new AgentJobBuilder(AgentPodSettings.DEFAULTS);

  @Test
  void theBranchIsInTheCloneStepAndTheAgentsEnvironment() {
    Task task = Fixtures.taskWithWorkspace("on-branch", "my-workspace");
    task.getSpec().setBranch("axon/todo-service");
    Job job =
        builder.build(task, Optional.of(Fixtures.workspace("my-workspace")), Fixtures.claudeLike());

    Container clone = job.getSpec().getTemplate().getSpec().getInitContainers().get(0);
    Container agent = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(value(clone.getEnv(), "AXON_BRANCH")).isEqualTo("axon/todo-service");
    assertThat(value(agent.getEnv(), "AXON_BRANCH")).isEqualTo("axon/todo-service");
  }

  @Test
  void withoutABranchNeitherHasIt() {
    Job job =
        builder.build(
            Fixtures.taskWithWorkspace("plain", "my-workspace"),
            Optional.of(Fixtures.workspace("my-workspace")),
            Fixtures.claudeLike());
    assertThat(job.getSpec().getTemplate().getSpec().getInitContainers().get(0).getEnv())
        .noneMatch(e -> e.getName().equals("AXON_BRANCH"));
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .noneMatch(e -> e.getName().equals("AXON_BRANCH"));
  }

  private static String value(List<EnvVar> env, String name) {
    return env.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
  }
}

package io.axon.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.axon.controller.job.AgentJobBuilder;
import io.axon.controller.job.AgentPodSettings;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the informer caches keep of each object (see ResourceCache). */
class SlimItemStoreTest {
  final Job job =
      new AgentJobBuilder(AgentPodSettings.DEFAULTS)
          .build(Fixtures.task("t"), Optional.empty(), Fixtures.claudeLike());

  @Test
  void managedFieldsAreDroppedFromEverything() {
    Task task = Fixtures.task("t");
    task.getMetadata()
        .getManagedFields()
        .add(new ManagedFieldsEntryBuilder().withManager("kubectl").build());
    SlimItemStore<Task> store = new SlimItemStore<>(t -> {});

    store.put(store.getKey(task), task);

    Task kept = store.get("team-a/t");
    assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(kept.getSpec().getPrompt()).isEqualTo("Create a hello world program in Python");
  }

  @Test
  void aCachedPodKeepsItsContainersResourcesButNotTheirEnvironment() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("t-abcde")
            .withNamespace("team-a")
            .endMetadata()
            .withSpec(job.getSpec().getTemplate().getSpec())
            .withNewStatus()
            .withPhase("Running")
            .endStatus()
            .build();
    SlimItemStore<Pod> store = new SlimItemStore<>(SlimObjects::slimPod);

    store.put(store.getKey(pod), pod);

    Pod kept = store.get("team-a/t-abcde");
    var agent = kept.getSpec().getContainers().get(0);
    assertThat(agent.getName()).isEqualTo(AgentJobBuilder.AGENT_CONTAINER);
    assertThat(agent.getResources().getLimits()).containsKey("memory");
    assertThat(agent.getEnv()).as("the prompt is not cached twice more").isNullOrEmpty();
    assertThat(kept.getSpec().getVolumes()).isNullOrEmpty();
    assertThat(kept.getStatus().getPhase()).isEqualTo("Running");
  }

  @Test
  void aCachedJobKeepsItsOwnerAndStatusButNotItsPodTemplate() {
    SlimItemStore<Job> store = new SlimItemStore<>(SlimObjects::slimJob);

    store.put(store.getKey(job), job);

    Job kept = store.get("team-a/t");
    assertThat(kept.getSpec().getTemplate()).isNull();
    assertThat(kept.getMetadata().getOwnerReferences()).hasSize(1);
  }
}

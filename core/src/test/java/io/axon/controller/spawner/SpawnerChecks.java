package io.axon.controller.spawner;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.status.Conditions;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.OwnerReference;

/** What the spawner tests check alike, on the mock and on the real API server. */
public final class SpawnerChecks {
  private SpawnerChecks() {}

  /**
   * Asserts that this Task was spawned by this {@link SpawnerFixtures#spawner} for this item: its
   * labels, its one owner, and the fixture's template with model claude-sonnet-4-20250514 and a
   * deadline of 1800 s.
   */
  public static void assertSpawnedFromTemplate(Task task, TaskSpawner spawner, String item) {
    String spawnerName = spawner.getMetadata().getName();
    assertThat(task.getMetadata().getLabels())
        .containsEntry(ApiGroup.SPAWNER_LABEL, spawnerName)
        .containsEntry(ApiGroup.ITEM_LABEL, item)
        .containsEntry(ApiGroup.MANAGED_BY_LABEL, "axon");
    assertThat(task.getMetadata().getOwnerReferences()).hasSize(1);
    OwnerReference owner = task.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getApiVersion()).isEqualTo("axon.io/v1alpha1");
    assertThat(owner.getKind()).isEqualTo("TaskSpawner");
    assertThat(owner.getName()).isEqualTo(spawnerName);
    assertThat(owner.getUid()).isEqualTo(spawner.getMetadata().getUid());
    assertThat(owner.getController()).isTrue();
    assertThat(task.getSpec().getType()).isEqualTo("claude-code");
    assertThat(task.getSpec().getCredentials().getType()).isEqualTo(CredentialType.OAUTH);
    assertThat(task.getSpec().getCredentials().getSecretRef().getName())
        .isEqualTo("claude-credentials");
    assertThat(task.getSpec().getModel()).isEqualTo("claude-sonnet-4-20250514");
    assertThat(task.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800L);
    assertThat(task.getSpec().getWorkspaceRef().getName()).isEqualTo("widgets");
  }

  public static Condition condition(TaskSpawner spawner, String type) {
    return Conditions.find(spawner.getStatus().getConditions(), type).orElseThrow();
  }

  public static boolean isTrue(TaskSpawner spawner, String type) {
    return hasStatus(spawner, type, Conditions.TRUE);
  }

  public static boolean isFalse(TaskSpawner spawner, String type) {
    return hasStatus(spawner, type, Conditions.FALSE);
  }

  private static boolean hasStatus(TaskSpawner spawner, String type, String status) {
    return Conditions.find(spawner.getStatus().getConditions(), type)
        .filter(c -> status.equals(c.getStatus()))
        .isPresent();
  }
}

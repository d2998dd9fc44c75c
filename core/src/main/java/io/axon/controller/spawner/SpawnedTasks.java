package io.axon.controller.spawner;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.TaskTemplate;
import io.axon.spi.source.WorkItem;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;

/** The Task a TaskSpawner creates for one work item. */
public final class SpawnedTasks {
  private SpawnedTasks() {}

  /**
   * A Task named {@link SpawnedTaskNames#forItem}, labelled with its spawner and item, owned by the
   * spawner (deleting the spawner deletes its Tasks), and specified by the spawner's taskTemplate.
   *
   * @param prompt the rendered prompt, copied byte-exact into {@code spec.prompt}
   * @param workspaceName the Workspace of the spawner's source, which the Task clones
   */
  public static Task build(
      TaskSpawner spawner, WorkItem item, String prompt, String workspaceName) {
    return build(
        spawner,
        item,
        prompt,
        workspaceName,
        SpawnedTaskNames.forItem(spawner.getMetadata().getName(), item.id()));
  }

  /**
   * As above, named {@code name} (from the spawner's {@code nameTemplate}). An item that names a
   * branch ({@link WorkItem#BRANCH}, a pull request's head) gives the Task its {@code spec.branch};
   * a Workspace of null leaves {@code workspaceRef} unset.
   */
  public static Task build(
      TaskSpawner spawner, WorkItem item, String prompt, String workspaceName, String name) {
    String spawnerName = spawner.getMetadata().getName();
    Task task = new Task();
    task.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(spawner.getMetadata().getNamespace())
            .withLabels(
                Map.of(
                    ApiGroup.SPAWNER_LABEL,
                    spawnerName,
                    ApiGroup.ITEM_LABEL,
                    SpawnedTaskNames.labelValue(item.id()),
                    ApiGroup.MANAGED_BY_LABEL,
                    ApiGroup.MANAGED_BY))
            .withAnnotations(
                item.url().isBlank() ? null : Map.of(ApiGroup.ITEM_URL_ANNOTATION, item.url()))
            // No blockOwnerDeletion: setting it needs update on taskspawners/finalizers where the
            // OwnerReferencesPermissionEnforcement admission plugin runs; collection works without.
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(ApiGroup.API_VERSION)
                    .withKind("TaskSpawner")
                    .withName(spawnerName)
                    .withUid(spawner.getMetadata().getUid())
                    .withController(true)
                    .build())
            .build());
    TaskTemplate template = spawner.getSpec().getTaskTemplate();
    TaskSpec spec = new TaskSpec();
    spec.setType(template.getType());
    spec.setPrompt(prompt);
    spec.setCredentials(
        template.getCredentials() == null ? null : Serialization.clone(template.getCredentials()));
    spec.setModel(template.getModel());
    spec.setActiveDeadlineSeconds(template.getActiveDeadlineSeconds());
    spec.setRetry(template.getRetry());
    spec.setTtlSecondsAfterFinished(template.getTtlSecondsAfterFinished());
    spec.setImage(template.getImage());
    spec.setAgentConfigRefs(
        template.getAgentConfigRefs() == null ? null : List.copyOf(template.getAgentConfigRefs()));
    spec.setPodOverrides(
        template.getPodOverrides() == null
            ? null
            : Serialization.clone(template.getPodOverrides()));
    spec.setLimits(template.getLimits() == null ? null : Serialization.clone(template.getLimits()));
    if (workspaceName != null) {
      spec.setWorkspaceRef(new LocalObjectReference(workspaceName));
    }
    String branch = item.extra().get(WorkItem.BRANCH);
    if (branch != null && !branch.isBlank()) {
      spec.setBranch(branch);
    }
    task.setSpec(spec);
    return task;
  }
}

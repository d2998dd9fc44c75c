package io.axon.controller.it;

import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.controller.Fixtures;
import io.axon.controller.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Tasks with dependencies and branches, for the pipeline ITs. */
final class PipelineTasks {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Supplier<KubernetesClient> client;
  private final String namespace;

  /** {@code client} is asked for at each use: a class's fixture starts it after this is made. */
  PipelineTasks(Supplier<KubernetesClient> client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  Task create(String name, Consumer<TaskSpec> spec) {
    Task task = Fixtures.task(namespace, name);
    spec.accept(task.getSpec());
    return client.get().resource(task).create();
  }

  Task create(String name, String... dependsOn) {
    return create(name, spec -> spec.setDependsOn(List.of(dependsOn)));
  }

  Workspace workspace(String name, String repo) {
    Workspace workspace = new Workspace();
    workspace.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    workspace.setSpec(new WorkspaceSpec(repo, "main"));
    return client.get().resource(workspace).create();
  }

  static Consumer<TaskSpec> onBranch(String workspace, String branch) {
    return spec -> {
      spec.setWorkspaceRef(new LocalObjectReference(workspace));
      spec.setBranch(branch);
    };
  }

  Task get(String name) {
    return client.get().resources(Task.class).inNamespace(namespace).withName(name).get();
  }

  Task await(String name, String what, Predicate<Task> condition) {
    return Eventually.await(TIMEOUT, "Task " + name + " " + what, () -> get(name), condition);
  }

  Task awaitPhase(String name, TaskPhase phase) {
    return await(
        name, phase.name(), t -> t.getStatus() != null && t.getStatus().getPhase() == phase);
  }

  /** Waits until the Task has the condition with this status and reason. */
  Task awaitCondition(String name, String type, String status, String reason) {
    return await(
        name,
        type + "=" + status + " (" + reason + ")",
        t ->
            condition(t, type)
                .filter(c -> status.equals(c.getStatus()) && reason.equals(c.getReason()))
                .isPresent());
  }

  boolean hasJob(String name) {
    return client.get().batch().v1().jobs().inNamespace(namespace).withName(name).get() != null;
  }

  static Optional<Condition> condition(Task task, String type) {
    return task.getStatus() == null
        ? Optional.empty()
        : Conditions.find(task.getStatus().getConditions(), type);
  }
}

package io.axon.cli;

import io.axon.api.v1alpha1.Credentials;
import io.axon.api.v1alpha1.GitHubIssues;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpawnerSpec;
import io.axon.api.v1alpha1.TaskSpawnerStatus;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.api.v1alpha1.TaskTemplate;
import io.axon.api.v1alpha1.When;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Objects as the controller would leave them, stored through the mock server. */
final class Fixtures {
  private Fixtures() {}

  static Task task(String namespace, String name, String created) {
    Task task = new Task();
    task.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .withCreationTimestamp(created)
            .build());
    TaskSpec spec = new TaskSpec();
    spec.setType("claude-code");
    spec.setPrompt("do it");
    spec.setCredentials(new Credentials(CredentialType.API_KEY, "axon-credentials"));
    task.setSpec(spec);
    return task;
  }

  static Task create(KubernetesClient client, Task task) {
    return client.resource(task).create();
  }

  /** Writes the status through the status subresource, as the controller does. */
  static Task status(
      KubernetesClient client,
      Task task,
      TaskPhase phase,
      String start,
      String end,
      String message) {
    Task current =
        client
            .resources(Task.class)
            .inNamespace(task.getMetadata().getNamespace())
            .withName(task.getMetadata().getName())
            .get();
    TaskStatus status = new TaskStatus();
    status.setPhase(phase);
    status.setStartTime(start);
    status.setCompletionTime(end);
    status.setMessage(message);
    status.setJobName(task.getMetadata().getName());
    current.setStatus(status);
    return client.resource(current).updateStatus();
  }

  static TaskResult result(String cost, String model) {
    TaskResult result = new TaskResult();
    result.setCostUSD(cost);
    result.setModel(model);
    return result;
  }

  static Workspace workspace(String namespace, String name, String repo, String ref) {
    Workspace workspace = new Workspace();
    workspace.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .withCreationTimestamp("2026-11-20T11:00:00Z")
            .build());
    workspace.setSpec(new WorkspaceSpec(repo, ref));
    return workspace;
  }

  static TaskSpawner spawner(String namespace, String name) {
    TaskSpawner spawner = new TaskSpawner();
    spawner.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .withCreationTimestamp("2026-11-18T12:00:00Z")
            .build());
    TaskSpawnerSpec spec = new TaskSpawnerSpec();
    When when = new When();
    GitHubIssues issues = new GitHubIssues();
    issues.setWorkspaceRef(new LocalObjectReference("my-workspace"));
    when.setGithubIssues(issues);
    spec.setWhen(when);
    TaskTemplate template = new TaskTemplate();
    template.setType("claude-code");
    template.setCredentials(new Credentials(CredentialType.OAUTH, "claude-credentials"));
    spec.setTaskTemplate(template);
    spawner.setSpec(spec);
    return spawner;
  }

  static TaskSpawnerStatus spawnerStatus(int found, int active, long created, String lastPoll) {
    TaskSpawnerStatus status = new TaskSpawnerStatus();
    status.setItemsFound(found);
    status.setActiveTasks(active);
    status.setTasksCreated(created);
    status.setLastPollTime(lastPoll);
    return status;
  }
}

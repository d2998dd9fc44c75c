package io.axon.controller;

import io.axon.api.v1alpha1.Credentials;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Objects the controller tests share. */
public final class Fixtures {
  public static final String NAMESPACE = "team-a";

  private Fixtures() {}

  /** The seed's hello-world Task, with the uid and generation an API server would give it. */
  public static Task task(String name) {
    Task task = task(NAMESPACE, name);
    task.getMetadata().setUid("uid-" + name);
    task.getMetadata().setGeneration(1L);
    return task;
  }

  /** The seed's hello-world Task, as a client would create it. */
  public static Task task(String namespace, String name) {
    Task task = new Task();
    task.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    TaskSpec spec = new TaskSpec();
    spec.setType("claude-code");
    spec.setPrompt("Create a hello world program in Python");
    spec.setCredentials(new Credentials(CredentialType.OAUTH, "claude-oauth"));
    task.setSpec(spec);
    return task;
  }

  public static Task taskWithWorkspace(String name, String workspace) {
    Task task = task(name);
    task.getSpec().setWorkspaceRef(new LocalObjectReference(workspace));
    return task;
  }

  public static Workspace workspace(String name) {
    Workspace workspace = new Workspace();
    workspace.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    WorkspaceSpec spec = new WorkspaceSpec("https://github.com/your-org/your-repo.git", "main");
    spec.setSecretRef(new LocalObjectReference("github-token"));
    workspace.setSpec(spec);
    return workspace;
  }

  /** An agent runtime standing in for claude-code, so controller tests need no plugin jar. */
  public static AgentRuntime claudeLike() {
    return new FakeAgentRuntime(
        "claude-code", "ghcr.io/axon-core/axon-claude-code:2.1.330", "2.1.330", "claude");
  }
}

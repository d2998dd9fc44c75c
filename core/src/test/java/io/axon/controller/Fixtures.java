package io.axon.controller;

import io.axon.api.v1alpha1.Credentials;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.CredentialType;
import io.axon.spi.agent.RunResult;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Objects the controller tests share. */
public final class Fixtures {
  public static final String NAMESPACE = "team-a";

  private Fixtures() {}

  /** The seed's hello-world Task. */
  public static Task task(String name) {
    Task task = new Task();
    task.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withUid("uid-" + name)
            .withGeneration(1L)
            .build());
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
    return new AgentRuntime() {
      @Override
      public String type() {
        return "claude-code";
      }

      @Override
      public String defaultImage() {
        return "ghcr.io/axon-core/axon-claude-code:2.1.330";
      }

      @Override
      public String cliVersion() {
        return "2.1.330";
      }

      @Override
      public String credentialEnvVar(CredentialType type) {
        return type == CredentialType.OAUTH ? "CLAUDE_CODE_OAUTH_TOKEN" : "ANTHROPIC_API_KEY";
      }

      @Override
      public AgentCommand command(AgentInvocation invocation) {
        return new AgentCommand(List.of("claude", "-p", invocation.prompt()), Map.of(), Map.of());
      }

      @Override
      public AgentOutputReader newOutputReader() {
        return new AgentOutputReader() {
          @Override
          public List<AgentEvent> read(String line) {
            return List.of();
          }

          @Override
          public Optional<RunResult> result() {
            return Optional.empty();
          }
        };
      }
    };
  }
}

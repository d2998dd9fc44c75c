package io.axon.controller.spawner;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Credentials;
import io.axon.api.v1alpha1.GitHubIssues;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpawnerSpec;
import io.axon.api.v1alpha1.TaskTemplate;
import io.axon.api.v1alpha1.When;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.controller.Fixtures;
import io.axon.controller.credentials.CredentialHosts;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * TaskSpawners, Workspaces and Secrets the spawner tests share (the real API server tier's too:
 * give them a namespace of their own).
 */
public final class SpawnerFixtures {
  public static final String NS = Fixtures.NAMESPACE;
  public static final String TOKEN = "ghp_SpawnerT0kenValue0123456789abcdefXYZ";
  public static final String REPO = "https://github.com/acme/widgets.git";

  private SpawnerFixtures() {}

  /**
   * The seed's fix-bugs spawner, polling Workspace "widgets" every 30s (the floor): tests ask for
   * more polls with {@link #pollNow}.
   */
  static TaskSpawner spawner(String name, List<String> labels, List<String> excludeLabels) {
    return spawner(NS, name, labels, excludeLabels);
  }

  /** The seed's fix-bugs spawner in this namespace, polling Workspace "widgets" every 30s. */
  public static TaskSpawner spawner(
      String namespace, String name, List<String> labels, List<String> excludeLabels) {
    GitHubIssues issues = new GitHubIssues();
    issues.setWorkspaceRef(new LocalObjectReference("widgets"));
    issues.setLabels(labels);
    issues.setExcludeLabels(excludeLabels);
    When when = new When();
    when.setGithubIssues(issues);
    TaskTemplate template = new TaskTemplate();
    template.setType("claude-code");
    template.setCredentials(new Credentials(CredentialType.OAUTH, "claude-credentials"));
    template.setPromptTemplate("Fix: {{.Title}}\n{{.Body}}");
    TaskSpawnerSpec spec = new TaskSpawnerSpec();
    spec.setWhen(when);
    spec.setTaskTemplate(template);
    spec.setPollInterval("30s");
    TaskSpawner spawner = new TaskSpawner();
    spawner.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    spawner.setSpec(spec);
    return spawner;
  }

  static TaskSpawner spawner(String name) {
    return spawner(name, List.of(), List.of());
  }

  /** Workspace "widgets" on acme/widgets, its token in Secret "github-token". */
  static Workspace workspace() {
    return workspace(NS);
  }

  public static Workspace workspace(String namespace) {
    Workspace workspace = new Workspace();
    workspace.setMetadata(
        new ObjectMetaBuilder().withName("widgets").withNamespace(namespace).build());
    WorkspaceSpec spec = new WorkspaceSpec(REPO, "main");
    spec.setSecretRef(new LocalObjectReference("github-token"));
    workspace.setSpec(spec);
    return workspace;
  }

  static Secret secret(String token) {
    return secret(NS, token);
  }

  /**
   * Secret "github-token" holding this token under GITHUB_TOKEN, for the scripted GitHub on
   * 127.0.0.1 and github.com, whose repository the spawned Tasks clone.
   */
  public static Secret secret(String namespace, String token) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("github-token")
        .withNamespace(namespace)
        .addToAnnotations(CredentialHosts.ANNOTATION, "127.0.0.1,github.com")
        .endMetadata()
        .addToData("GITHUB_TOKEN", base64(token))
        .build();
  }

  /** Puts this token in the namespace's Secret "github-token", as someone fixing it would. */
  public static void replaceToken(KubernetesClient client, String namespace, String token) {
    client
        .secrets()
        .inNamespace(namespace)
        .withName("github-token")
        .edit(
            s -> {
              s.getData().put("GITHUB_TOKEN", base64(token));
              return s;
            });
  }

  /**
   * Asks this spawner for a poll now, as a user does: a new value of its {@code axon.io/poll-now}
   * annotation, by merge patch (as {@code kubectl annotate --overwrite}, so no conflict with the
   * controller's status writes).
   */
  public static void pollNow(KubernetesClient client, String namespace, String name) {
    client
        .resources(TaskSpawner.class)
        .inNamespace(namespace)
        .withName(name)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"%s\":\"%d\"}}}"
                .formatted(ApiGroup.POLL_NOW_ANNOTATION, System.nanoTime()));
  }

  private static String base64(String token) {
    return Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
  }
}

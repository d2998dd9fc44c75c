package io.axon.cli.run;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.cli.UserException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Secrets and Workspaces that {@code axon run} makes from the config file. Each is created or
 * brought up to date in place (never duplicated), carries {@code
 * app.kubernetes.io/managed-by=axon}, and an object of the same name that axon did not make is left
 * alone.
 */
public final class ManagedObjects {
  /** The Secret made from {@code apiKey} or {@code oauthToken}. */
  public static final String CREDENTIALS_SECRET = "axon-credentials";

  /** What applying did, in kubectl's words. */
  public enum Outcome {
    created,
    configured,
    unchanged
  }

  private final KubernetesClient client;
  private final String namespace;

  public ManagedObjects(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** Makes the Secret hold exactly these keys and values. Values are never printed. */
  public Outcome applySecret(String name, Map<String, String> values) {
    Map<String, String> data = new TreeMap<>();
    values.forEach(
        (key, value) ->
            data.put(
                key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    Secret existing = client.secrets().inNamespace(namespace).withName(name).get();
    if (existing == null) {
      client
          .secrets()
          .inNamespace(namespace)
          .resource(
              new SecretBuilder()
                  .withMetadata(metadata(name))
                  .withType("Opaque")
                  .withData(data)
                  .build())
          .create();
      return Outcome.created;
    }
    requireManaged(existing, "secret");
    if (data.equals(existing.getData())) {
      return Outcome.unchanged;
    }
    client
        .secrets()
        .inNamespace(namespace)
        .withName(name)
        .edit(
            secret -> {
              secret.setData(data);
              return secret;
            });
    return Outcome.configured;
  }

  /** Makes the Workspace have this spec. */
  public Outcome applyWorkspace(String name, WorkspaceSpec spec) {
    var workspaces = client.resources(Workspace.class).inNamespace(namespace);
    Workspace existing = workspaces.withName(name).get();
    if (existing == null) {
      Workspace workspace = new Workspace();
      workspace.setMetadata(metadata(name));
      workspace.setSpec(spec);
      workspaces.resource(workspace).create();
      return Outcome.created;
    }
    requireManaged(existing, "workspace");
    WorkspaceSpec current = existing.getSpec();
    if (current != null
        && Objects.equals(current.getRepo(), spec.getRepo())
        && Objects.equals(current.getRef(), spec.getRef())
        && Objects.equals(name(current), name(spec))) {
      return Outcome.unchanged;
    }
    workspaces
        .withName(name)
        .edit(
            workspace -> {
              workspace.setSpec(spec);
              return workspace;
            });
    return Outcome.configured;
  }

  private void requireManaged(HasMetadata existing, String kind) {
    Map<String, String> labels = existing.getMetadata().getLabels();
    if (labels == null || !ApiGroup.MANAGED_BY.equals(labels.get(ApiGroup.MANAGED_BY_LABEL))) {
      String name = existing.getMetadata().getName();
      throw new UserException(
          ("%s %s already exists in namespace %s and was not made by axon, so axon leaves it"
                  + " alone: rename or delete it, or use it as it is (--%s %s)")
              .formatted(kind, name, namespace, kind, name));
    }
  }

  private io.fabric8.kubernetes.api.model.ObjectMeta metadata(String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY)
        .build();
  }

  private static String name(WorkspaceSpec spec) {
    return spec.getSecretRef() == null ? null : spec.getSecretRef().getName();
  }
}

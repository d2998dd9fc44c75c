package io.axon.cli.run;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.axon.cli.UserException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Secrets and Workspaces that {@code axon run} makes from the config file. Each is named after
 * its content ({@code axon-credentials-<hash>}), so a Task always runs with what it was created
 * with, however the config file changes before it starts. Each carries {@code
 * app.kubernetes.io/managed-by=axon} and is owned by the Tasks that use it, so it goes when the
 * last of them is deleted. An object of the same name that axon did not make is left alone.
 */
public final class ManagedObjects {
  /** The prefix of the Secrets made from {@code apiKey} or {@code oauthToken}. */
  public static final String CREDENTIALS_SECRET = "axon-credentials";

  private static final int HASH_LENGTH = 10;

  /** What applying did, in kubectl's words. */
  public enum Outcome {
    created,
    configured,
    unchanged
  }

  /** An object this run applied, and whether it made it. */
  private record Applied(HasMetadata object, Outcome outcome) {}

  private final KubernetesClient client;
  private final String namespace;
  private final List<Applied> applied = new ArrayList<>();

  public ManagedObjects(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** {@code base-<hash of parts>}. */
  public static String contentName(String base, String... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        digest.update(Objects.requireNonNullElse(part, "").getBytes(StandardCharsets.UTF_8));
        // A separator no part contains, so that ("ab", "c") and ("a", "bc") differ.
        digest.update((byte) 0);
      }
      return base + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The Secret's name for these keys and values. */
  public static String secretName(String base, Map<String, String> values) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(values)
        .forEach(
            (key, value) -> {
              parts.add(key);
              parts.add(value);
            });
    return contentName(base, parts.toArray(String[]::new));
  }

  /** The Workspace's name for this spec. */
  public static String workspaceName(String base, WorkspaceSpec spec) {
    return contentName(base, spec.getRepo(), spec.getRef(), secretRefName(spec));
  }

  /**
   * Makes the Secret named after its content hold exactly these keys and values; returns its name.
   * Values are never printed.
   */
  public String applySecret(String base, Map<String, String> values, Reporter reporter) {
    String name = secretName(base, values);
    Map<String, String> data = new TreeMap<>();
    values.forEach(
        (key, value) ->
            data.put(
                key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    Secret wanted =
        new SecretBuilder().withMetadata(metadata(name)).withType("Opaque").withData(data).build();
    Secret existing = client.secrets().inNamespace(namespace).withName(name).get();
    Outcome outcome;
    if (existing == null) {
      client.secrets().inNamespace(namespace).resource(wanted).create();
      outcome = Outcome.created;
    } else {
      requireManaged(existing, "secret");
      outcome = Outcome.unchanged;
      if (!data.equals(existing.getData())) {
        // Someone changed it: put back what its name promises.
        client
            .secrets()
            .inNamespace(namespace)
            .withName(name)
            .edit(
                secret -> {
                  secret.setData(data);
                  return secret;
                });
        outcome = Outcome.configured;
      }
    }
    record(wanted, outcome, "secret", reporter);
    return name;
  }

  /** Makes the Workspace named after its spec; returns its name. */
  public String applyWorkspace(String base, WorkspaceSpec spec, Reporter reporter) {
    String name = workspaceName(base, spec);
    var workspaces = client.resources(Workspace.class).inNamespace(namespace);
    Workspace wanted = new Workspace();
    wanted.setMetadata(metadata(name));
    wanted.setSpec(spec);
    Workspace existing = workspaces.withName(name).get();
    Outcome outcome;
    if (existing == null) {
      workspaces.resource(wanted).create();
      outcome = Outcome.created;
    } else {
      requireManaged(existing, "workspace");
      outcome = Outcome.unchanged;
      WorkspaceSpec current = existing.getSpec();
      if (current == null
          || !Objects.equals(current.getRepo(), spec.getRepo())
          || !Objects.equals(current.getRef(), spec.getRef())
          || !Objects.equals(secretRefName(current), secretRefName(spec))) {
        workspaces
            .withName(name)
            .edit(
                workspace -> {
                  workspace.setSpec(spec);
                  return workspace;
                });
        outcome = Outcome.configured;
      }
    }
    record(wanted, outcome, "workspace", reporter);
    return name;
  }

  /**
   * Makes the Task an owner of every object this run applied, so that they go with the last Task
   * that uses them. One that went in the meantime (its last owner was deleted) is made again.
   */
  public void adopt(Task task) {
    OwnerReference owner =
        new OwnerReferenceBuilder()
            .withApiVersion(task.getApiVersion())
            .withKind(task.getKind())
            .withName(task.getMetadata().getName())
            .withUid(task.getMetadata().getUid())
            .build();
    for (Applied each : applied) {
      HasMetadata object = each.object();
      var resource = client.resource(object).inNamespace(namespace);
      try {
        resource.edit(
            current -> {
              addOwner(current.getMetadata(), owner);
              return current;
            });
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
        addOwner(object.getMetadata(), owner);
        resource.create();
      }
    }
  }

  /** Deletes what this run created, after a failure, so that a failed run leaves nothing. */
  public void rollback() {
    for (Applied each : applied) {
      if (each.outcome() == Outcome.created) {
        try {
          client.resource(each.object()).inNamespace(namespace).delete();
        } catch (KubernetesClientException e) {
          // The failure that led here is the one to report; this one would hide it.
        }
      }
    }
  }

  /** Told each object applied, with what applying did. */
  @FunctionalInterface
  public interface Reporter {
    void applied(String kind, String name, Outcome outcome);
  }

  private void record(HasMetadata object, Outcome outcome, String kind, Reporter reporter) {
    applied.add(new Applied(object, outcome));
    reporter.applied(kind, object.getMetadata().getName(), outcome);
  }

  private static void addOwner(ObjectMeta metadata, OwnerReference owner) {
    List<OwnerReference> owners = new ArrayList<>(metadata.getOwnerReferences());
    if (owners.stream().noneMatch(o -> Objects.equals(o.getUid(), owner.getUid()))) {
      owners.add(owner);
    }
    metadata.setOwnerReferences(owners);
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

  private ObjectMeta metadata(String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY)
        .build();
  }

  private static String secretRefName(WorkspaceSpec spec) {
    return spec.getSecretRef() == null ? null : spec.getSecretRef().getName();
  }
}

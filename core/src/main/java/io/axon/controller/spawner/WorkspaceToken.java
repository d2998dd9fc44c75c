package io.axon.controller.spawner;

import static io.axon.controller.spawner.SpawnerConditions.*;

import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.credentials.CredentialHosts;
import io.axon.controller.job.GitCredentialScope;
import io.axon.spi.source.HostServices;
import io.axon.spi.source.WorkSourceConfig;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Workspace's {@code GITHUB_TOKEN}, read from its Secret by name (the controller may only get
 * Secrets, never list or watch them), and only when the Secret allows every host the source would
 * send it to ({@link CredentialHosts}). The token is never logged nor put in a status or an event.
 */
public final class WorkspaceToken {
  /** The key of the Workspace's Secret that holds the token. */
  public static final String KEY = "GITHUB_TOKEN";

  private WorkspaceToken() {}

  /**
   * The token, or empty when the Workspace names no Secret (public repositories need none).
   *
   * @throws SpawnerConfigException when the Secret or its key is missing or cannot be read
   */
  public static Optional<String> read(
      KubernetesClient client, Workspace workspace, SpawnerPlan plan) {
    var ref = workspace.getSpec() == null ? null : workspace.getSpec().getSecretRef();
    if (ref == null || ref.getName() == null || ref.getName().isBlank()) {
      return Optional.empty();
    }
    String namespace = workspace.getMetadata().getNamespace();
    String name = ref.getName();
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
        throw e;
      }
      throw new SpawnerConfigException(
          REASON_SECRET_NOT_FOUND,
          ("the controller may not read Secret \"%s\" in namespace \"%s\" (403): grant its"
                  + " service account get on secrets (deploy/controller/rbac.yaml)")
              .formatted(name, namespace));
    }
    if (secret == null) {
      throw new SpawnerConfigException(
          REASON_SECRET_NOT_FOUND,
          ("Secret \"%s\" of Workspace \"%s\" not found in namespace \"%s\": create it, e.g."
                  + " kubectl create secret generic %s --from-literal=%s=<token>")
              .formatted(name, workspace.getMetadata().getName(), namespace, name, KEY));
    }
    for (String host : tokenHosts(workspace, plan)) {
      Optional<String> refusal = CredentialHosts.refusal(secret, host, "TaskSpawner polls");
      if (refusal.isPresent()) {
        throw new SpawnerConfigException(REASON_CREDENTIAL_HOST_NOT_ALLOWED, refusal.get());
      }
    }
    Optional<String> token =
        value(secret.getData(), true).or(() -> value(secret.getStringData(), false));
    if (token.isEmpty()) {
      throw new SpawnerConfigException(
          REASON_SECRET_KEY_MISSING,
          ("Secret \"%s\" has no %s key: add the token under that key, or remove the Workspace's"
                  + " secretRef for a public repository")
              .formatted(name, KEY));
    }
    return token;
  }

  /** Where the source would send the token: what it says, else the repository's host. */
  private static Set<String> tokenHosts(Workspace workspace, SpawnerPlan plan) {
    String repoURL = workspace.getSpec().getRepo();
    Set<String> hosts =
        plan.provider()
            .tokenHosts(
                new WorkSourceConfig(
                    plan.settings(), repoURL, Optional.empty(), HostServices.none()));
    if (!hosts.isEmpty()) {
      return hosts;
    }
    return GitCredentialScope.host(repoURL).map(Set::of).orElse(Set.of());
  }

  private static Optional<String> value(Map<String, String> data, boolean base64) {
    String value = data == null ? null : data.get(KEY);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String decoded =
        base64 ? new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8) : value;
    return decoded.isBlank() ? Optional.empty() : Optional.of(decoded.strip());
  }
}

package io.axon.controller.task;

import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.credentials.CredentialHosts;
import io.axon.controller.job.GitCredentialScope;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Optional;

/**
 * Before a Job gets a Workspace's Secret: its owner must allow the Workspace's host (the clone
 * sends the token there, and the agent holds it). Blocking: one Secret read.
 */
final class WorkspaceCredentialCheck {

  static final String REASON_CREDENTIAL_HOST_NOT_ALLOWED = "CredentialHostNotAllowed";

  private WorkspaceCredentialCheck() {}

  /** Why the Workspace's Secret may not be used, or empty when it may (or there is none). */
  static Optional<String> problem(KubernetesClient client, Workspace workspace) {
    var ref = workspace.getSpec().getSecretRef();
    if (ref == null || ref.getName() == null || ref.getName().isBlank()) {
      return Optional.empty();
    }
    String namespace = workspace.getMetadata().getNamespace();
    String host = GitCredentialScope.host(workspace.getSpec().getRepo()).orElse("");
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
        throw e;
      }
      return Optional.of(
          "The controller may not read Secret \"%s\" in namespace \"%s\" to check where its token may go: grant its service account get on secrets there (deploy/controller/rbac.yaml)."
              .formatted(ref.getName(), namespace));
    }
    if (secret == null) {
      return Optional.empty(); // The pod says the Secret is missing, and starts once it exists.
    }
    return CredentialHosts.refusal(
        secret, host, "the Workspace \"%s\"".formatted(workspace.getMetadata().getName()));
  }
}

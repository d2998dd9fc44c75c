package io.axon.client.config;

import java.util.Optional;

/**
 * The keys of {@code ~/.axon/config.yaml}. Every key is optional; an empty value counts as unset.
 *
 * @param oauthToken OAuth token; Axon creates the credentials Secret from it
 * @param apiKey API key; Axon creates the credentials Secret from it
 * @param secret a pre-created credentials Secret (advanced)
 * @param credentialType the credential type of {@code secret}: {@code api-key} or {@code oauth}
 * @param model default model override
 * @param namespace default Kubernetes namespace
 * @param workspace the default workspace, by name or inline
 */
public record AxonConfig(
    Optional<String> oauthToken,
    Optional<String> apiKey,
    Optional<String> secret,
    Optional<String> credentialType,
    Optional<String> model,
    Optional<String> namespace,
    Optional<WorkspaceConfig> workspace) {

  /** A config with no keys set, as when the file does not exist. */
  public static AxonConfig empty() {
    return new AxonConfig(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Tokens are left out so that logging a config can never leak one. */
  @Override
  public String toString() {
    return "AxonConfig[oauthToken=%s, apiKey=%s, secret=%s, credentialType=%s, model=%s, namespace=%s, workspace=%s]"
        .formatted(
            oauthToken.map(t -> "<set>").orElse("<unset>"),
            apiKey.map(t -> "<set>").orElse("<unset>"),
            secret.orElse("<unset>"),
            credentialType.orElse("<unset>"),
            model.orElse("<unset>"),
            namespace.orElse("<unset>"),
            workspace.map(Object::toString).orElse("<unset>"));
  }
}

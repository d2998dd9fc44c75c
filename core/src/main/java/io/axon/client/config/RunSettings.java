package io.axon.client.config;

import io.axon.spi.agent.CredentialType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a run uses, once flags and config file are combined. Flags always win over the file.
 *
 * <ul>
 *   <li>credentials: {@code --secret} &gt; {@code secret} &gt; {@code oauthToken} &gt; {@code
 *       apiKey}; the type of a secret is {@code --credential-type} &gt; {@code credentialType} &gt;
 *       api-key
 *   <li>workspace: {@code --workspace} &gt; {@code workspace.name} &gt; {@code workspace.repo}
 *   <li>model and namespace: flag &gt; file
 * </ul>
 *
 * @param credentials where the credentials come from
 * @param workspace the workspace, if any
 * @param model the model override, if any
 * @param namespace the namespace, if the flags or the file name one
 * @param notes things the user may want to know, such as an ignored key
 */
public record RunSettings(
    CredentialSource credentials,
    Optional<WorkspaceSource> workspace,
    Optional<String> model,
    Optional<String> namespace,
    List<String> notes) {

  public RunSettings {
    notes = List.copyOf(notes);
  }

  /**
   * Combines flags and config.
   *
   * @throws MissingCredentialsException when neither names any credentials
   */
  public static RunSettings resolve(AxonConfig config, RunFlags flags) {
    List<String> notes = new ArrayList<>();
    return new RunSettings(
        credentials(config, flags, notes),
        workspace(config, flags, notes),
        flags.model().or(config::model),
        flags.namespace().or(config::namespace),
        notes);
  }

  private static CredentialSource credentials(
      AxonConfig config, RunFlags flags, List<String> notes) {
    Optional<String> secret = flags.secret().or(config::secret);
    if (secret.isPresent()) {
      CredentialType type =
          flags
              .credentialType()
              .or(() -> config.credentialType().flatMap(CredentialType::fromValue))
              .orElse(CredentialType.API_KEY);
      return new CredentialSource.ExistingSecret(secret.get(), type);
    }
    if (flags.credentialType().isPresent()) {
      notes.add("--credential-type applies only with --secret or secret; ignored");
    }
    if (config.oauthToken().isPresent()) {
      if (config.apiKey().isPresent()) {
        notes.add("both oauthToken and apiKey are set in the config; using oauthToken");
      }
      return new CredentialSource.Token(CredentialType.OAUTH, config.oauthToken().get());
    }
    if (config.apiKey().isPresent()) {
      return new CredentialSource.Token(CredentialType.API_KEY, config.apiKey().get());
    }
    throw new MissingCredentialsException(
        "no credentials for the agent: run `axon init` and set apiKey or oauthToken in the"
            + " config file, or pass --secret NAME to use an existing Secret");
  }

  private static Optional<WorkspaceSource> workspace(
      AxonConfig config, RunFlags flags, List<String> notes) {
    if (flags.workspace().isPresent()) {
      return Optional.of(new WorkspaceSource.Existing(flags.workspace().get()));
    }
    return config
        .workspace()
        .flatMap(
            ws -> {
              if (ws.name().isPresent()) {
                return Optional.of(new WorkspaceSource.Existing(ws.name().get()));
              }
              if (ws.repo().isEmpty()) {
                notes.add("workspace has neither name nor repo; ignored");
              }
              return ws.repo().map(repo -> new WorkspaceSource.Inline(repo, ws.ref(), ws.token()));
            });
  }
}

package io.axon.client.config;

import java.util.Optional;

/**
 * The {@code workspace} key: either the name of an existing Workspace, or an inline repository from
 * which Axon creates one. When both are set, {@code name} wins.
 *
 * @param name an existing Workspace resource
 * @param repo git repository URL of an inline workspace
 * @param ref branch, tag or commit of an inline workspace
 * @param token GitHub token of an inline workspace, put into the Workspace's Secret
 */
public record WorkspaceConfig(
    Optional<String> name, Optional<String> repo, Optional<String> ref, Optional<String> token) {

  /** The token is left out so that logging a config can never leak it. */
  @Override
  public String toString() {
    return "WorkspaceConfig[name=%s, repo=%s, ref=%s, token=%s]"
        .formatted(
            name.orElse("<unset>"),
            repo.orElse("<unset>"),
            ref.orElse("<unset>"),
            token.map(t -> "<set>").orElse("<unset>"));
  }
}

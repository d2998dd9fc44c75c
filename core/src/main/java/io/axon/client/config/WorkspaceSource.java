package io.axon.client.config;

import java.util.Objects;
import java.util.Optional;

/** The workspace a Task clones. */
public sealed interface WorkspaceSource {

  /** A Workspace resource that already exists (the {@code --workspace} flag or {@code name}). */
  record Existing(String name) implements WorkspaceSource {
    public Existing {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A repository from the config file; Axon creates the Workspace (and its Secret). */
  record Inline(String repo, Optional<String> ref, Optional<String> token)
      implements WorkspaceSource {
    public Inline {
      Objects.requireNonNull(repo, "repo");
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(token, "token");
    }

    /** Leaves the token out. */
    @Override
    public String toString() {
      return "Inline[repo=%s, ref=%s, token=%s]"
          .formatted(repo, ref.orElse("<unset>"), token.map(t -> "<set>").orElse("<unset>"));
    }
  }
}

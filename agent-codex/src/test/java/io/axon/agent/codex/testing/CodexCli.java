package io.axon.agent.codex.testing;

import io.axon.agent.testing.PinnedCli;
import java.nio.file.Path;

/** The genuine Codex CLI at the pinned version ({@code hack/agent-cli/install-codex.sh}). */
public final class CodexCli {

  private static final PinnedCli CLI = new PinnedCli("hack/agent-cli/install-codex.sh");

  private CodexCli() {}

  /** The {@code codex} executable. */
  public static Path executable() {
    return CLI.executable();
  }
}

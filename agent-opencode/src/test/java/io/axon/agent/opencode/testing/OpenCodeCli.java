package io.axon.agent.opencode.testing;

import io.axon.agent.testing.PinnedCli;
import java.nio.file.Path;

/** The genuine OpenCode CLI at the pinned version ({@code hack/agent-cli/install-opencode.sh}). */
public final class OpenCodeCli {

  private static final PinnedCli CLI = new PinnedCli("hack/agent-cli/install-opencode.sh");

  private OpenCodeCli() {}

  /** The {@code opencode} executable. */
  public static Path executable() {
    return CLI.executable();
  }
}

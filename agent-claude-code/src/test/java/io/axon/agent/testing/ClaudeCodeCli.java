package io.axon.agent.testing;

import java.nio.file.Path;

/**
 * The genuine Claude Code CLI at the pinned version ({@code
 * hack/agent-cli/install-claude-code.sh}).
 */
public final class ClaudeCodeCli {

  private static final PinnedCli CLI = new PinnedCli("hack/agent-cli/install-claude-code.sh");

  private ClaudeCodeCli() {}

  /** The {@code claude} executable. */
  public static Path executable() {
    return CLI.executable();
  }

  /** The repository root: the first directory up from here holding the install script. */
  public static Path repositoryRoot() {
    return CLI.repositoryRoot();
  }
}

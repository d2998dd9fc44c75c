package io.axon.agent.gemini.testing;

import io.axon.agent.testing.PinnedCli;
import java.nio.file.Path;

/** The genuine Gemini CLI at the pinned version ({@code hack/agent-cli/install-gemini.sh}). */
public final class GeminiCli {

  private static final PinnedCli CLI = new PinnedCli("hack/agent-cli/install-gemini.sh");

  private GeminiCli() {}

  /** The {@code gemini} executable. */
  public static Path executable() {
    return CLI.executable();
  }
}

package io.axon.agent.opencode;

import io.axon.agent.opencode.testing.OpenCodeCli;
import io.axon.agent.testing.EntrypointRun;
import java.io.IOException;
import java.nio.file.Path;

/**
 * This module's entrypoint jar run as the opencode image runs it, with the genuine OpenCode CLI.
 */
final class OpenCodeEntrypointProcess extends EntrypointRun {

  static final String MODEL = "claude-sonnet-4-5";

  OpenCodeEntrypointProcess(Path tmp, Path workspace, String baseUrl, String prompt)
      throws IOException {
    super(tmp, workspace, "opencode", OpenCodeCli.executable().getParent(), MODEL, prompt);
    env.put("ANTHROPIC_BASE_URL", baseUrl);
    env.put("ANTHROPIC_API_KEY", "test-key");
    gitIdentityFromEnvironment();
  }
}

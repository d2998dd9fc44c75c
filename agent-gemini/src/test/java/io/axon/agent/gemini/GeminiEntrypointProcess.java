package io.axon.agent.gemini;

import io.axon.agent.gemini.testing.GeminiCli;
import io.axon.agent.testing.EntrypointRun;
import java.io.IOException;
import java.nio.file.Path;

/** This module's entrypoint jar run as the gemini image runs it, with the genuine Gemini CLI. */
final class GeminiEntrypointProcess extends EntrypointRun {

  static final String MODEL = "gemini-2.5-pro";

  GeminiEntrypointProcess(Path tmp, Path workspace, String baseUrl, String prompt)
      throws IOException {
    super(tmp, workspace, "gemini", GeminiCli.executable().getParent(), MODEL, prompt);
    env.put("GOOGLE_GEMINI_BASE_URL", baseUrl);
    env.put("GEMINI_API_KEY", "test-key");
    // The CLI's shell tool ignores the global git config (GIT_CONFIG_GLOBAL=/dev/null).
    gitIdentityFromEnvironment();
  }
}

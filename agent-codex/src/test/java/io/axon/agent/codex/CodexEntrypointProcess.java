package io.axon.agent.codex;

import io.axon.agent.codex.testing.CodexCli;
import io.axon.agent.testing.EntrypointRun;
import java.io.IOException;
import java.nio.file.Path;

/** This module's entrypoint jar run as the codex image runs it, with the genuine Codex CLI. */
final class CodexEntrypointProcess extends EntrypointRun {

  static final String MODEL = "gpt-5.5";

  CodexEntrypointProcess(Path tmp, Path workspace, String baseUrl, String prompt)
      throws IOException {
    super(tmp, workspace, "codex", CodexCli.executable().getParent(), MODEL, prompt);
    env.put("OPENAI_BASE_URL", baseUrl);
    env.put("OPENAI_API_KEY", "test-key");
  }
}

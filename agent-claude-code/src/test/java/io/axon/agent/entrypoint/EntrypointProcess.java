package io.axon.agent.entrypoint;

import io.axon.agent.testing.ClaudeCodeCli;
import io.axon.agent.testing.EntrypointRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The shaded entrypoint jar run as the agent image runs it, with the genuine Claude Code CLI. */
final class EntrypointProcess extends EntrypointRun {

  static final String MODEL = "claude-sonnet-4-20250514";

  private boolean imageUser;
  private Path jar = JAR;

  EntrypointProcess(Path tmp, Path workspace, String baseUrl, String prompt) throws IOException {
    super(tmp, workspace, "claude-code", ClaudeCodeCli.executable().getParent(), MODEL, prompt);
    env.put("ANTHROPIC_BASE_URL", baseUrl);
    env.put("ANTHROPIC_API_KEY", "test-key");
    // As root (the CI machines), Claude Code refuses --dangerously-skip-permissions without it;
    // asImageUser() runs without it, as the image's non-root user.
    env.put("IS_SANDBOX", "1");
  }

  @Override
  public EntrypointProcess with(String name, String value) {
    super.with(name, value);
    return this;
  }

  /**
   * Runs as the agent image's user, uid 1000, as a pod does ({@link ImageUser}): not root, so
   * without {@code IS_SANDBOX}, with HOME, the workspace and the result file owned by that user.
   */
  EntrypointProcess asImageUser() throws IOException {
    imageUser = true;
    env.remove("IS_SANDBOX");
    if (ImageUser.testsRunAsRoot()) {
      // The pinned CLI sits in root's cache, and the checkout may sit below /root too, where uid
      // 1000 cannot enter: the CLI and the jar go into a directory of their own (left to root).
      Path cli = Files.createDirectories(tmp.resolve("cli"));
      linkOrCopy(ClaudeCodeCli.executable().toRealPath(), cli.resolve("claude"));
      jar = Files.copy(JAR, cli.resolve(JAR.getFileName()));
      env.put("PATH", cli + ":/usr/local/bin:/usr/bin:/bin");
    }
    return this;
  }

  /** A hard link where the file system allows one (the CLI is large), else a copy. */
  private static void linkOrCopy(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  @Override
  protected Path jar() {
    return jar;
  }

  @Override
  protected List<String> command(Path jar) throws IOException {
    List<String> argv = super.command(jar);
    if (!imageUser) {
      return argv;
    }
    ImageUser.own(tmp, tmp.resolve("cli"), true);
    return ImageUser.command(argv);
  }

  @Override
  protected void afterRun() throws IOException {
    if (imageUser) {
      // Back to root, so the test's own git (as root) accepts the repository as safe.
      ImageUser.own(tmp, tmp.resolve("cli"), false);
    }
  }
}

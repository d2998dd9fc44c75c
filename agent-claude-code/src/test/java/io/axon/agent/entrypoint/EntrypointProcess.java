package io.axon.agent.entrypoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.agent.testing.ClaudeCodeCli;
import io.axon.agent.testing.GitRepo;
import io.axon.spi.agent.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The shaded entrypoint jar run as its own {@code java} process, as the agent image runs it, with
 * the genuine Claude Code CLI on PATH and nothing else in its environment but what a pod sets.
 */
final class EntrypointProcess {

  static final Path JAR = Path.of("target/axon-agent-entrypoint.jar");
  static final String MODEL = "claude-sonnet-4-20250514";

  private final Map<String, String> env = new HashMap<>();
  private final Path tmp;
  private final Path resultPath;
  private boolean imageUser;
  private Path jar = JAR;

  /** What one run left behind. */
  record Outcome(int exit, String stdout, String stderr, Path resultPath) {
    List<String> lines() {
      return stdout.lines().toList();
    }

    RunResult summary() throws IOException {
      return new ObjectMapper().readValue(resultPath.toFile(), RunResult.class);
    }
  }

  EntrypointProcess(Path tmp, Path workspace, String baseUrl, String prompt) throws IOException {
    this.tmp = tmp;
    Path home = tmp.resolve("home");
    GitRepo.writeIdentity(home);
    resultPath = tmp.resolve("termination-log");
    Path claudeDir = ClaudeCodeCli.executable().getParent();
    env.put("PATH", claudeDir + ":/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    env.put("ANTHROPIC_BASE_URL", baseUrl);
    env.put("ANTHROPIC_API_KEY", "test-key");
    // As root (the CI machines), Claude Code refuses --dangerously-skip-permissions without it;
    // asImageUser() runs without it, as the image's non-root user.
    env.put("IS_SANDBOX", "1");
    env.put("AXON_AGENT_TYPE", "claude-code");
    // As a pod passes it: in a file (a downward API volume there).
    Path promptFile = tmp.resolve("prompt");
    Files.writeString(promptFile, prompt, StandardCharsets.UTF_8);
    env.put("AXON_PROMPT_FILE", promptFile.toString());
    env.put("AXON_MODEL", MODEL);
    env.put("AXON_WORKSPACE_DIR", workspace.toString());
    env.put("AXON_RESULT_PATH", resultPath.toString());
  }

  EntrypointProcess with(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
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

  Process start() throws IOException {
    List<String> argv =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            jar.toAbsolutePath().toString());
    if (imageUser) {
      ImageUser.own(tmp, tmp.resolve("cli"), true);
      argv = ImageUser.command(argv);
    }
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().clear();
    builder.environment().putAll(env);
    return builder.start();
  }

  Outcome run() throws Exception {
    Process process = start();
    process.getOutputStream().close();
    CompletableFuture<String> stderr =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String stdout = read(process.getInputStream());
    int exit = process.waitFor();
    if (imageUser) {
      // Back to root, so the test's own git (as root) accepts the repository as safe.
      ImageUser.own(tmp, tmp.resolve("cli"), false);
    }
    return new Outcome(exit, stdout, stderr.join(), resultPath);
  }

  Path resultPath() {
    return resultPath;
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static boolean exists() {
    return Files.isRegularFile(JAR);
  }
}

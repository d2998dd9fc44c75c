package io.axon.agent.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.spi.agent.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An agent module's shaded entrypoint jar run as its own {@code java} process, as its image runs
 * it, with the module's genuine agent CLI on PATH and nothing else in its environment but what a
 * pod sets. Each module's subclass adds its CLI's variables (base URL, credential).
 */
public class EntrypointRun {

  /** Where each agent module's build leaves its entrypoint jar. */
  public static final Path JAR = Path.of("target/axon-agent-entrypoint.jar");

  /** What one run left behind. */
  public record Outcome(int exit, String stdout, String stderr, Path resultPath) {
    public List<String> lines() {
      return stdout.lines().toList();
    }

    public RunResult summary() throws IOException {
      return new ObjectMapper().readValue(resultPath.toFile(), RunResult.class);
    }
  }

  protected final Map<String, String> env = new HashMap<>();
  protected final Path tmp;
  private final Path resultPath;

  /**
   * @param cliDir the directory of the agent CLI's executable, first on PATH
   */
  protected EntrypointRun(
      Path tmp, Path workspace, String agentType, Path cliDir, String model, String prompt)
      throws IOException {
    this.tmp = tmp;
    Path home = tmp.resolve("home");
    GitRepo.writeIdentity(home);
    resultPath = tmp.resolve("termination-log");
    env.put("PATH", cliDir + ":/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    env.put("AXON_AGENT_TYPE", agentType);
    // As a pod passes it: in a file (a downward API volume there).
    Path promptFile = tmp.resolve("prompt");
    Files.writeString(promptFile, prompt, StandardCharsets.UTF_8);
    env.put("AXON_PROMPT_FILE", promptFile.toString());
    env.put("AXON_MODEL", model);
    env.put("AXON_WORKSPACE_DIR", workspace.toString());
    env.put("AXON_RESULT_PATH", resultPath.toString());
  }

  /** Sets a variable; {@code null} leaves it unset, as a pod without it. */
  public EntrypointRun with(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  /** As the images set them: some CLIs' shell tools ignore the global git config. */
  protected void gitIdentityFromEnvironment() {
    env.put("GIT_AUTHOR_NAME", GitRepo.USER_NAME);
    env.put("GIT_AUTHOR_EMAIL", GitRepo.USER_EMAIL);
    env.put("GIT_COMMITTER_NAME", GitRepo.USER_NAME);
    env.put("GIT_COMMITTER_EMAIL", GitRepo.USER_EMAIL);
  }

  public Path resultPath() {
    return resultPath;
  }

  /** The command that runs the jar; a subclass may run it as another user. */
  protected List<String> command(Path jar) throws IOException {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-jar",
        jar.toAbsolutePath().toString());
  }

  protected Path jar() {
    return JAR;
  }

  public Process start() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command(jar()));
    builder.environment().clear();
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Runs to the end (at most 3 minutes), with stdin closed. */
  public Outcome run() throws Exception {
    Process process = start();
    process.getOutputStream().close();
    CompletableFuture<String> stderr =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String stdout = read(process.getInputStream());
    try {
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError("the entrypoint did not end in 3 minutes; stdout:\n" + stdout);
      }
    } finally {
      afterRun();
    }
    return new Outcome(process.exitValue(), stdout, stderr.join(), resultPath);
  }

  /** Called once the process has ended (or was killed). */
  protected void afterRun() throws IOException {}

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static boolean exists() {
    return Files.isRegularFile(JAR);
  }
}

package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An agent module's entrypoint jar (built by its {@code package}) run as its own {@code java}
 * process, as the agent image runs it, with nothing in its environment but what it is given.
 */
final class EntrypointJarRun {

  /** What one run left: its exit code and its output. */
  record Outcome(int exit, String stdout, String stderr) {}

  private EntrypointJarRun() {}

  /**
   * What a pod sets for an agent of {@code type} besides its CLI's own variables: HOME (with a git
   * identity) and the agent image interface's variables, the prompt in a file under {@code tmp}.
   */
  static Map<String, String> podEnv(
      Path tmp, String type, Path workspace, String model, String prompt) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    io.axon.agent.testing.GitRepo.writeIdentity(home);
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    env.put("AXON_AGENT_TYPE", type);
    env.put("AXON_PROMPT_FILE", Files.writeString(tmp.resolve("prompt"), prompt).toString());
    env.put("AXON_MODEL", model);
    env.put("AXON_WORKSPACE_DIR", workspace.toString());
    env.put("AXON_RESULT_PATH", tmp.resolve("termination-log").toString());
    return env;
  }

  /** Runs {@code ../MODULE/target/axon-agent-entrypoint.jar}, which must exist. */
  static Outcome run(String module, Map<String, String> env) throws Exception {
    Path jar = Path.of("..", module, "target", "axon-agent-entrypoint.jar").toAbsolutePath();
    assertThat(Files.exists(jar)).as("build %s with -am first: %s", module, jar).isTrue();
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            jar.toString());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> stderr =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String stdout = read(process.getInputStream());
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("the entrypoint did not end in 3 minutes; stdout:\n" + stdout);
    }
    return new Outcome(process.exitValue(), stdout, stderr.join());
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

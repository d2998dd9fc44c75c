package io.axon.agent.codex;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.agent.codex.testing.CodexCli;
import io.axon.agent.testing.GitRepo;
import io.axon.spi.agent.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * This module's entrypoint jar run as its own {@code java} process, as the codex image runs it,
 * with the genuine Codex CLI on PATH and nothing else in its environment but what a pod sets.
 */
final class CodexEntrypointProcess {

  static final Path JAR = Path.of("target/axon-agent-entrypoint.jar");
  static final String MODEL = "gpt-5.5";

  private final Map<String, String> env = new HashMap<>();
  private final Path resultPath;

  /** What one run left behind. */
  record Outcome(int exit, String stdout, String stderr, Path resultPath) {
    List<String> lines() {
      return stdout.lines().toList();
    }

    RunResult summary() throws IOException {
      return new ObjectMapper().readValue(resultPath.toFile(), RunResult.class);
    }
  }

  CodexEntrypointProcess(Path tmp, Path workspace, String baseUrl, String prompt)
      throws IOException {
    Path home = tmp.resolve("home");
    GitRepo.writeIdentity(home);
    resultPath = tmp.resolve("termination-log");
    env.put("PATH", CodexCli.executable().getParent() + ":/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("LANG", "C.UTF-8");
    env.put("OPENAI_BASE_URL", baseUrl);
    env.put("OPENAI_API_KEY", "test-key");
    env.put("AXON_AGENT_TYPE", "codex");
    Path promptFile = tmp.resolve("prompt");
    Files.writeString(promptFile, prompt, StandardCharsets.UTF_8);
    env.put("AXON_PROMPT_FILE", promptFile.toString());
    env.put("AXON_MODEL", MODEL);
    env.put("AXON_WORKSPACE_DIR", workspace.toString());
    env.put("AXON_RESULT_PATH", resultPath.toString());
  }

  CodexEntrypointProcess with(String name, String value) {
    if (value == null) {
      env.remove(name); // not set at all, as a pod without it
      return this;
    }
    env.put(name, value);
    return this;
  }

  Outcome run() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            JAR.toAbsolutePath().toString());
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
    return new Outcome(process.exitValue(), stdout, stderr.join(), resultPath);
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

package io.axon.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code git}, isolated from the user's configuration. */
final class GitCommand {
  record Result(int exit, String output) {}

  private final Path home;

  GitCommand(Path home) {
    this.home = home;
  }

  Result run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("git"));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_AUTHOR_NAME", "Axon Test");
    env.put("GIT_AUTHOR_EMAIL", "test@axon.invalid");
    env.put("GIT_COMMITTER_NAME", "Axon Test");
    env.put("GIT_COMMITTER_EMAIL", "test@axon.invalid");
    env.remove("HTTP_PROXY");
    env.remove("HTTPS_PROXY");
    env.remove("http_proxy");
    env.remove("https_proxy");
    Process process = pb.start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("git " + String.join(" ", args) + " did not finish");
    }
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  Result ok(Path dir, String... args) throws IOException, InterruptedException {
    Result result = run(dir, args);
    if (result.exit() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " failed: " + result.output());
    }
    return result;
  }
}

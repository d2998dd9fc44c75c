package io.axon.agent.gemini.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The genuine Gemini CLI at the pinned version, installed once per JVM by {@code
 * hack/agent-cli/install-gemini.sh} (a no-op when it is already in the cache). A failed install
 * fails the test with the script's own message; nothing is skipped.
 */
public final class GeminiCli {

  private static final String SCRIPT = "hack/agent-cli/install-gemini.sh";
  private static Path executable;

  private GeminiCli() {}

  /** The {@code gemini} executable. */
  public static synchronized Path executable() {
    if (executable == null) {
      executable = install();
    }
    return executable;
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SCRIPT))) {
        return dir;
      }
    }
    throw new IllegalStateException("no " + SCRIPT + " above " + Path.of("").toAbsolutePath());
  }

  private static Path install() {
    Path script = repositoryRoot().resolve(SCRIPT);
    try {
      Process process = new ProcessBuilder(List.of("bash", script.toString())).start();
      process.getOutputStream().close();
      CompletableFuture<String> stderr =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      String stdout = readAll(process.getInputStream());
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " did not finish in 15 minutes");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            script + " failed (exit " + process.exitValue() + "):\n" + stderr.join());
      }
      List<String> lines = stdout.strip().lines().toList();
      Path gemini = Path.of(lines.get(lines.size() - 1));
      if (!Files.isExecutable(gemini)) {
        throw new IllegalStateException(script + " printed " + gemini + ", not an executable");
      }
      return gemini;
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String readAll(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}

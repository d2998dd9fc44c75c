package io.axon.agent.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An agent CLI at its pinned version, installed once per JVM by its script under {@code
 * hack/agent-cli/} (a no-op when it is already in the cache), which prints the executable's path
 * last. A failed install fails the test with the script's own message; nothing is skipped.
 */
public final class PinnedCli {

  private final String script;
  private Path executable;

  /**
   * @param script the install script, relative to the repository root
   */
  public PinnedCli(String script) {
    this.script = script;
  }

  /** The CLI's executable, installed on first use. */
  public synchronized Path executable() {
    if (executable == null) {
      executable = install();
    }
    return executable;
  }

  /** The repository root: the first directory up from here holding the install script. */
  public Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(script))) {
        return dir;
      }
    }
    throw new IllegalStateException("no " + script + " above " + Path.of("").toAbsolutePath());
  }

  private Path install() {
    Path path = repositoryRoot().resolve(script);
    try {
      Process process = new ProcessBuilder(List.of("bash", path.toString())).start();
      process.getOutputStream().close();
      CompletableFuture<String> stderr =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      String stdout = readAll(process.getInputStream());
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(path + " did not finish in 15 minutes");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            path + " failed (exit " + process.exitValue() + "):\n" + stderr.join());
      }
      List<String> lines = stdout.strip().lines().toList();
      Path cli = Path.of(lines.get(lines.size() - 1));
      if (!Files.isExecutable(cli)) {
        throw new IllegalStateException(path + " printed " + cli + ", not an executable");
      }
      return cli;
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + path + ": " + e.getMessage(), e);
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

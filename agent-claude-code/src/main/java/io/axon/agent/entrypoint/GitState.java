package io.axon.agent.entrypoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The branch and commit checked out in the workspace when the agent ended. */
record GitState(Optional<String> branch, Optional<String> commit) {

  static GitState of(Path workspace) {
    // One git process for both: `rev-parse HEAD --abbrev-ref HEAD` prints the commit, then the
    // branch ("HEAD" when detached, which is no branch to report).
    List<String> lines =
        git(workspace, "rev-parse", "HEAD", "--abbrev-ref", "HEAD")
            .map(out -> out.lines().toList())
            .orElse(List.of());
    if (lines.size() != 2) {
      return new GitState(Optional.empty(), Optional.empty());
    }
    Optional<String> branch = Optional.of(lines.get(1)).filter(b -> !b.equals("HEAD"));
    return new GitState(branch, Optional.of(lines.get(0)));
  }

  private static Optional<String> git(Path workspace, String... args) {
    // safe.directory: the clone may belong to another uid (an init container), and we only read.
    List<String> argv =
        new java.util.ArrayList<>(
            List.of("git", "-c", "safe.directory=*", "-C", workspace.toString()));
    argv.addAll(List.of(args));
    try {
      Process git = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      git.getOutputStream().close();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!git.waitFor(30, TimeUnit.SECONDS)) {
        git.destroyForcibly();
        return Optional.empty();
      }
      return git.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}

package io.axon.agent.entrypoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Saves a stopped run's work: whatever is in the working tree (what {@code git add -A} takes, so
 * ignored files stay out) is committed on top of HEAD to a branch of its own, and the branch is
 * pushed to {@code origin}. The agent's checkout is left as it was: the commit is built in a
 * separate index and only the branch ref points at it. Hooks do not run (the agent may have written
 * them). Every step is bounded in time.
 */
final class WorkSalvage {

  /**
   * What was saved.
   *
   * @param branch the branch the work is on, or empty when there was nothing to save
   * @param commit the branch's commit
   * @param pushed whether {@code origin} has it
   * @param detail for the summary's message: where the work is, or why it was not pushed
   */
  record Saved(Optional<String> branch, Optional<String> commit, boolean pushed, String detail) {}

  private static final String IDENTITY_NAME = "Axon";
  private static final String IDENTITY_EMAIL = "axon@localhost";

  private final Path workspace;
  private final Duration pushTimeout;

  WorkSalvage(Path workspace, Duration pushTimeout) {
    this.workspace = workspace;
    this.pushTimeout = pushTimeout;
  }

  /**
   * Saves the work to {@code branch}.
   *
   * @param startCommit HEAD when the agent started: when HEAD and the tree are still that, nothing
   *     is saved
   * @param why the commit message's subject
   */
  Saved save(String branch, Optional<String> startCommit, String why) {
    if (!Files.isDirectory(workspace)) {
      return nothing("the workspace is gone");
    }
    Result inside = git(Map.of(), Duration.ofSeconds(30), "rev-parse", "--is-inside-work-tree");
    if (!inside.ok()) {
      return nothing("the workspace is not a git repository, so the work so far was not saved");
    }
    Optional<String> head =
        git(Map.of(), Duration.ofSeconds(30), "rev-parse", "--verify", "-q", "HEAD^{commit}")
            .output();
    Path index = null;
    try {
      index = Files.createTempFile("axon-salvage-", ".index");
      Files.delete(index); // git makes it; an empty file is no index
      Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toString());
      // A copy of the checkout's index: what the agent staged counts, and its file stats spare
      // hashing every file again.
      Optional<Path> realIndex =
          git(
                  Map.of(),
                  Duration.ofSeconds(30),
                  "rev-parse",
                  "--path-format=absolute",
                  "--git-path",
                  "index")
              .output()
              .map(Path::of)
              .filter(Files::isRegularFile);
      if (realIndex.isPresent()) {
        Files.copy(realIndex.get(), index);
      } else if (head.isPresent()
          && !git(env, Duration.ofSeconds(60), "read-tree", head.get()).ok()) {
        return nothing("could not read HEAD's tree, so the work so far was not saved");
      }
      Result add = git(env, Duration.ofMinutes(2), "add", "-A", "--", ".");
      if (!add.ok()) {
        return nothing("could not stage the work so far (" + add.error() + ")");
      }
      Optional<String> tree = git(env, Duration.ofSeconds(60), "write-tree").output();
      if (tree.isEmpty()) {
        return nothing("could not write the work so far as a tree");
      }
      Optional<String> headTree =
          head.flatMap(
              h -> git(Map.of(), Duration.ofSeconds(30), "rev-parse", h + "^{tree}").output());
      String commit;
      if (headTree.equals(tree)) {
        if (head.equals(startCommit) || head.isEmpty()) {
          return nothing("the agent had changed nothing, so there was no work to save");
        }
        commit = head.get(); // the agent committed everything itself
      } else {
        List<String> args = new ArrayList<>(List.of("commit-tree", tree.get(), "-m", why));
        head.ifPresent(
            h -> {
              args.add("-p");
              args.add(h);
            });
        Optional<String> made =
            git(identity(), Duration.ofSeconds(60), args.toArray(String[]::new)).output();
        if (made.isEmpty()) {
          return nothing("could not commit the work so far");
        }
        commit = made.get();
      }
      if (!git(Map.of(), Duration.ofSeconds(30), "update-ref", "refs/heads/" + branch, commit)
          .ok()) {
        return nothing("could not create the branch " + branch);
      }
      return push(branch, commit);
    } catch (IOException e) {
      return nothing("could not save the work so far: " + e.getMessage());
    } finally {
      if (index != null) {
        try {
          Files.deleteIfExists(index);
        } catch (IOException e) {
          // a temporary file; nothing depends on it
        }
      }
    }
  }

  private Saved push(String branch, String commit) {
    String shortCommit = commit.substring(0, Math.min(12, commit.length()));
    if (git(Map.of(), Duration.ofSeconds(30), "remote", "get-url", "origin").output().isEmpty()) {
      return new Saved(
          Optional.of(branch),
          Optional.of(commit),
          false,
          "the work so far is on branch %s (%s) in the workspace, which has no remote to push to"
              .formatted(branch, shortCommit));
    }
    Result pushed = pushTo(branch, commit);
    if (!pushed.ok() && pushed.error().contains("rejected")) {
      // The branch exists on origin with other work (a Task of the same name before): keep both.
      String other = branch + "-" + shortCommit.substring(0, Math.min(7, shortCommit.length()));
      if (git(Map.of(), Duration.ofSeconds(30), "update-ref", "refs/heads/" + other, commit).ok()) {
        Result again = pushTo(other, commit);
        if (again.ok()) {
          return new Saved(
              Optional.of(other),
              Optional.of(commit),
              true,
              "the work so far is on branch %s (%s), pushed to origin (%s had other work)"
                  .formatted(other, shortCommit, branch));
        }
      }
    }
    if (pushed.ok()) {
      return new Saved(
          Optional.of(branch),
          Optional.of(commit),
          true,
          "the work so far is on branch %s (%s), pushed to origin".formatted(branch, shortCommit));
    }
    return new Saved(
        Optional.of(branch),
        Optional.of(commit),
        false,
        "the work so far is on branch %s (%s) in the workspace; pushing it to origin failed: %s"
            .formatted(branch, shortCommit, brief(pushed.error())));
  }

  /** git's message in one line: its first fatal or error line, else its first line. */
  private static String brief(String error) {
    List<String> lines = List.of(error.split(" \\| "));
    return lines.stream()
        .filter(l -> l.startsWith("fatal:") || l.startsWith("error:"))
        .findFirst()
        .orElse(lines.get(0));
  }

  private Result pushTo(String branch, String commit) {
    return git(
        Map.of("GIT_TERMINAL_PROMPT", "0"),
        pushTimeout,
        "push",
        "--quiet",
        "origin",
        commit + ":refs/heads/" + branch);
  }

  /** An author for the commit only when git has none configured (a pod's HOME has no config). */
  private Map<String, String> identity() {
    Map<String, String> env = new HashMap<>();
    if (git(Map.of(), Duration.ofSeconds(30), "config", "user.email").output().isEmpty()) {
      env.put("GIT_AUTHOR_NAME", IDENTITY_NAME);
      env.put("GIT_AUTHOR_EMAIL", IDENTITY_EMAIL);
      env.put("GIT_COMMITTER_NAME", IDENTITY_NAME);
      env.put("GIT_COMMITTER_EMAIL", IDENTITY_EMAIL);
    }
    return env;
  }

  private static Saved nothing(String why) {
    return new Saved(Optional.empty(), Optional.empty(), false, why);
  }

  private record Result(boolean ok, String out, String error) {
    Optional<String> output() {
      return ok && !out.isEmpty() ? Optional.of(out) : Optional.empty();
    }
  }

  private Result git(Map<String, String> extraEnv, Duration timeout, String... args) {
    // safe.directory: the clone may belong to another uid (an init container).
    List<String> argv =
        new ArrayList<>(
            List.of(
                "git",
                "-c",
                "safe.directory=*",
                "-c",
                "core.hooksPath=/dev/null",
                "-C",
                workspace.toString()));
    argv.addAll(List.of(args));
    try {
      ProcessBuilder builder = new ProcessBuilder(argv);
      builder.environment().putAll(extraEnv);
      Process git = builder.start();
      git.getOutputStream().close();
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> read(git.getErrorStream()));
      CompletableFuture<String> out =
          CompletableFuture.supplyAsync(() -> read(git.getInputStream()));
      if (!git.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        git.descendants().forEach(ProcessHandle::destroyForcibly);
        git.destroyForcibly();
        return new Result(false, "", "git " + args[0] + " did not finish in " + timeout);
      }
      String error = err.join().strip().lines().reduce((a, b) -> a + " | " + b).orElse("");
      return new Result(git.exitValue() == 0, out.join().strip(), error);
    } catch (IOException e) {
      return new Result(false, "", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "", "interrupted");
    }
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}

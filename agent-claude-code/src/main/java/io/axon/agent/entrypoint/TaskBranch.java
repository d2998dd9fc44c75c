package io.axon.agent.entrypoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Task's {@code spec.branch} ({@code AXON_BRANCH}), kept by the entrypoint itself so that a
 * pipeline of Tasks builds on one branch without the agent pushing: before the agent starts the
 * workspace is put on the branch (origin's when it has one, else new from the checked-out ref), and
 * when the agent ends the branch's commits are pushed to {@code origin}. Never forced: a branch
 * that moved on origin meanwhile is reported, not overwritten. Hooks do not run. With {@code
 * AXON_BRANCH_PUSH=false} (a local run, whose origin is the user's own repository) the branch stays
 * in the workspace.
 */
final class TaskBranch {

  static final String BRANCH = "AXON_BRANCH";

  /** {@code false}: keep the branch in the workspace, never push it. */
  static final String PUSH = "AXON_BRANCH_PUSH";

  /**
   * How the push went.
   *
   * @param failed whether commits were left unpushed
   * @param detail one line for the log and the summary
   */
  record Published(boolean failed, String detail) {}

  private final String name;
  private final Path workspace;
  private final Duration timeout;
  private final boolean push;

  private TaskBranch(String name, Path workspace, Duration timeout, boolean push) {
    this.name = name;
    this.workspace = workspace;
    this.timeout = timeout;
    this.push = push;
  }

  /** The Task's branch, when {@code AXON_BRANCH} names one. */
  static Optional<TaskBranch> of(Map<String, String> env, Path workspace, Duration timeout) {
    boolean push = !"false".equalsIgnoreCase(env.getOrDefault(PUSH, "").strip());
    return Optional.ofNullable(env.get(BRANCH))
        .map(String::strip)
        .filter(b -> !b.isEmpty())
        .map(b -> new TaskBranch(b, workspace, timeout, push));
  }

  String name() {
    return name;
  }

  /**
   * Puts the workspace on the branch, unless it is on it already (a pod's clone step did it).
   *
   * @return what was done, for the log
   * @throws IOException when the branch cannot be checked out; the message says why
   */
  String checkOut() throws IOException {
    if (!git("check-ref-format", "--branch", name).ok()) {
      throw new IOException(BRANCH + "=" + name + " is no branch name git accepts");
    }
    Result current = git("symbolic-ref", "--quiet", "--short", "HEAD");
    if (current.ok() && current.out().equals(name)) {
      return "on branch " + name;
    }
    boolean hasOrigin = git("remote", "get-url", "origin").ok();
    if (hasOrigin) {
      Result found = git("ls-remote", "--exit-code", "--heads", "origin", "refs/heads/" + name);
      if (found.ok()) {
        Result fetched =
            git("fetch", "-q", "origin", "+refs/heads/" + name + ":refs/remotes/origin/" + name);
        Result checkout =
            fetched.ok()
                ? git("checkout", "-q", "-B", name, "refs/remotes/origin/" + name, "--")
                : fetched;
        if (!checkout.ok()) {
          throw new IOException(
              "could not check out branch " + name + " of origin: " + checkout.error());
        }
        return "on branch " + name + " of the repository";
      }
      if (found.exit() != 2) { // 2: origin answered, and has no such branch
        throw new IOException("cannot look up branch " + name + " on origin: " + found.error());
      }
    }
    Result created =
        git("rev-parse", "--verify", "-q", "refs/heads/" + name).ok()
            ? git("checkout", "-q", name, "--")
            : git("checkout", "-q", "-b", name, "--");
    if (!created.ok()) {
      throw new IOException("could not create branch " + name + ": " + created.error());
    }
    return "created branch " + name;
  }

  /** Pushes the branch's commits to origin, when it has any that origin lacks. */
  Published publish() {
    Optional<String> local = git("rev-parse", "--verify", "-q", "refs/heads/" + name).output();
    if (local.isEmpty()) {
      return new Published(false, "branch " + name + " has no commit to push");
    }
    if (!push) {
      return new Published(false, "branch " + name + " stays in the workspace: not pushed");
    }
    if (!git("remote", "get-url", "origin").ok()) {
      return new Published(false, "branch " + name + " stays in the workspace: no origin");
    }
    Result remote = git("ls-remote", "--heads", "origin", "refs/heads/" + name);
    String shortCommit = local.get().substring(0, Math.min(12, local.get().length()));
    if (remote.ok() && remote.out().startsWith(local.get())) {
      return new Published(
          false, "branch %s (%s) is on origin already".formatted(name, shortCommit));
    }
    Result pushed = git("push", "--quiet", "origin", "refs/heads/" + name + ":refs/heads/" + name);
    if (pushed.ok()) {
      return new Published(false, "pushed branch %s (%s) to origin".formatted(name, shortCommit));
    }
    return new Published(
        true,
        "could not push branch %s (%s) to origin: %s"
            .formatted(name, shortCommit, brief(pushed.error())));
  }

  /** Whether git's message says origin refused the credentials (or had none). */
  static boolean authFailure(String detail) {
    return AUTH.matcher(detail).find();
  }

  private static final java.util.regex.Pattern AUTH =
      java.util.regex.Pattern.compile(
          "Authentication failed|could not read Username|terminal prompts disabled|\\b40[13]\\b");

  /** git's message in one line: its first fatal, error or rejection line, else its first. */
  private static String brief(String error) {
    List<String> lines = error.lines().toList();
    return lines.stream()
        .filter(l -> l.startsWith("fatal:") || l.startsWith("error:") || l.contains("[rejected]"))
        .findFirst()
        .orElse(lines.isEmpty() ? "git gave no reason" : lines.get(0))
        .strip();
  }

  private record Result(int exit, String out, String error) {
    boolean ok() {
      return exit == 0;
    }

    Optional<String> output() {
      return ok() && !out.isEmpty() ? Optional.of(out) : Optional.empty();
    }
  }

  private Result git(String... args) {
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
      builder.environment().put("GIT_TERMINAL_PROMPT", "0");
      Process git = builder.start();
      git.getOutputStream().close();
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> read(git.getErrorStream()));
      CompletableFuture<String> out =
          CompletableFuture.supplyAsync(() -> read(git.getInputStream()));
      if (!git.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        git.descendants().forEach(ProcessHandle::destroyForcibly);
        git.destroyForcibly();
        return new Result(-1, "", "git " + args[0] + " did not finish in " + timeout);
      }
      return new Result(git.exitValue(), out.join().strip(), err.join().strip());
    } catch (IOException e) {
      return new Result(-1, "", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "", "interrupted");
    }
  }

  private static String read(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}

package io.axon.cli.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs git on the host by argv (never a shell), as the invoking user. */
final class Git {

  private Git() {}

  /** Thrown when git fails; the message holds git's own error. */
  static final class GitException extends IOException {
    GitException(String message) {
      super(message);
    }
  }

  static String run(Path dir, String... args) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add("git");
    argv.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
    // Never stop to ask for a password: there is no one to answer inside a run.
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    Process git;
    try {
      git =
          builder
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new GitException("git is not installed or not on PATH: " + e.getMessage());
    }
    CompletableFuture<String> stderr =
        CompletableFuture.supplyAsync(() -> read(git.getErrorStream()));
    String out = read(git.getInputStream());
    try {
      if (!git.waitFor(30, TimeUnit.MINUTES)) {
        git.destroyForcibly();
        throw new GitException("git " + args[0] + " took more than 30 minutes");
      }
    } catch (InterruptedException e) {
      git.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new GitException("interrupted");
    }
    if (git.exitValue() != 0) {
      throw new GitException(stderr.join().strip());
    }
    return out.strip();
  }

  /** The git settings whose names match a regular expression; none when git has none. */
  static Map<String, String> configs(Path dir, String nameRegex) {
    Map<String, String> values = new LinkedHashMap<>();
    try {
      for (String line : run(dir, "config", "--get-regexp", nameRegex).lines().toList()) {
        int space = line.indexOf(' ');
        if (space > 0) {
          values.put(line.substring(0, space), line.substring(space + 1));
        }
      }
    } catch (IOException e) {
      // exit 1: nothing set
    }
    return values;
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}

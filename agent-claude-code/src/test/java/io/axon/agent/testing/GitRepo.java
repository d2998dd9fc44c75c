package io.axon.agent.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real git repository for tests: {@code README.md} and one commit on {@code main}. */
public final class GitRepo {

  public static final String USER_NAME = "Axon Test";
  public static final String USER_EMAIL = "axon-test@example.com";

  private final Path dir;

  private GitRepo(Path dir) {
    this.dir = dir;
  }

  public static GitRepo create(Path dir) throws IOException {
    Files.createDirectories(dir);
    GitRepo repo = new GitRepo(dir);
    repo.git("init", "-q", "-b", "main");
    Files.writeString(dir.resolve("README.md"), "# demo\n");
    repo.git("add", "README.md");
    repo.git("commit", "-q", "-m", "Initial commit");
    return repo;
  }

  /** An existing repository. */
  public static GitRepo open(Path dir) {
    return new GitRepo(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Runs git in the repository with a fixed identity; returns its trimmed stdout. */
  public String git(String... args) throws IOException {
    List<String> argv =
        new ArrayList<>(
            List.of("git", "-c", "user.name=" + USER_NAME, "-c", "user.email=" + USER_EMAIL));
    argv.addAll(List.of(args));
    Process git =
        new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
        throw new IOException("git " + String.join(" ", args) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return out.strip();
  }

  /** Writes a global git config with the test identity into a fresh HOME. */
  public static void writeIdentity(Path home) throws IOException {
    Files.createDirectories(home);
    Files.writeString(
        home.resolve(".gitconfig"),
        "[user]\n\tname = "
            + USER_NAME
            + "\n\temail = "
            + USER_EMAIL
            + "\n"
            + "[init]\n\tdefaultBranch = main\n");
  }
}

package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the clone step's real script with real git against a real repository on disk. */
class CloneScriptTest {
  @TempDir Path tmp;
  private Path origin;
  private String mainCommit;
  private String firstCommit;

  @BeforeEach
  void createOrigin() throws Exception {
    origin = tmp.resolve("origin");
    Files.createDirectories(origin);
    git(origin, "init", "-q", "-b", "main");
    Files.writeString(origin.resolve("README.md"), "one\n");
    git(origin, "add", ".");
    git(origin, "commit", "-q", "-m", "first");
    firstCommit = git(origin, "rev-parse", "HEAD").strip();
    git(origin, "tag", "v1");
    git(origin, "checkout", "-q", "-b", "feature");
    Files.writeString(origin.resolve("feature.txt"), "feature\n");
    git(origin, "add", ".");
    git(origin, "commit", "-q", "-m", "feature");
    git(origin, "checkout", "-q", "main");
    Files.writeString(origin.resolve("README.md"), "two\n");
    git(origin, "commit", "-q", "-am", "second");
    mainCommit = git(origin, "rev-parse", "HEAD").strip();
  }

  @Test
  void clonesTheDefaultBranchWhenNoRefIsGiven() throws Exception {
    Result result = clone(origin.toString(), null);
    assertThat(result.exit).as(result.output).isZero();
    assertThat(head()).isEqualTo(mainCommit);
    assertThat(result.output).contains("cloned " + mainCommit);
  }

  @Test
  void checksOutABranchATagOrACommit() throws Exception {
    assertThat(clone(origin.toString(), "feature").exit).isZero();
    assertThat(Files.exists(repo().resolve("feature.txt"))).isTrue();
    assertThat(git(repo(), "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("feature");

    deleteRepo();
    assertThat(clone(origin.toString(), "v1").exit).isZero();
    assertThat(head()).isEqualTo(firstCommit);

    deleteRepo();
    assertThat(clone(origin.toString(), firstCommit).exit).isZero();
    assertThat(head()).isEqualTo(firstCommit);
  }

  @Test
  void anUnknownRefFailsWithGitsMessage() throws Exception {
    Result result = clone(origin.toString(), "no-such-branch");
    assertThat(result.exit).isNotZero();
    assertThat(result.output).contains("no-such-branch");
  }

  @Test
  void shellSyntaxInRepoOrRefIsNeverExecuted() throws Exception {
    Path marker = tmp.resolve("pwned");
    Result repo = clone("$(touch " + marker + ")", null);
    assertThat(repo.exit).isNotZero();
    Result ref = clone(origin.toString(), "main;touch " + marker + ";`touch " + marker + "`");
    assertThat(ref.exit).isNotZero();
    assertThat(marker).doesNotExist();
  }

  private Result clone(String repoUrl, String ref) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("AXON_REPO", repoUrl);
    env.put("AXON_REPO_DIR", repo().toString());
    env.put("HOME", tmp.resolve("home").toString());
    env.put("GIT_TERMINAL_PROMPT", "0");
    if (ref != null) {
      env.put("AXON_REF", ref);
    }
    Files.createDirectories(tmp.resolve("home"));
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", CloneScript.SCRIPT);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private Path repo() {
    return tmp.resolve("workspace/repo");
  }

  private String head() throws Exception {
    return git(repo(), "rev-parse", "HEAD").strip();
  }

  private void deleteRepo() throws IOException {
    try (var paths = Files.walk(repo())) {
      paths
          .sorted(java.util.Comparator.reverseOrder())
          .map(Path::toFile)
          .forEach(java.io.File::delete);
    }
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "git",
                "-C",
                dir.toString(),
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.com"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("git %s: %s", String.join(" ", args), output).isZero();
    return output;
  }

  private record Result(int exit, String output) {}
}

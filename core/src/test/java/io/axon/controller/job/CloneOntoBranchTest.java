package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clone step puts the agent on the Task's branch: real script, real git, real repository. */
class CloneOntoBranchTest {
  @TempDir Path tmp;
  private Path origin;

  @BeforeEach
  void createOrigin() throws Exception {
    origin = tmp.resolve("origin");
    Files.createDirectories(origin);
    git(origin, "init", "-q", "-b", "main");
    Files.writeString(origin.resolve("README.md"), "one\n");
    git(origin, "add", ".");
    git(origin, "commit", "-q", "-m", "first");
    git(origin, "checkout", "-q", "-b", "pipeline");
    Files.writeString(origin.resolve("scaffold.txt"), "scaffolded\n");
    git(origin, "add", ".");
    git(origin, "commit", "-q", "-m", "scaffold");
    git(origin, "checkout", "-q", "main");
  }

  @Test
  void aBranchTheRepositoryHasIsCheckedOutWithItsCommits() throws Exception {
    String[] result = clone("main", "pipeline");
    assertThat(result[0]).as(result[1]).isEqualTo("0");
    assertThat(git(repo(), "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("pipeline");
    assertThat(repo().resolve("scaffold.txt")).exists();
    assertThat(result[1]).contains("axon: on branch pipeline of the repository");
  }

  @Test
  void aBranchTheRepositoryLacksIsCreatedFromTheRefAndPushedUnderItsName() throws Exception {
    git(origin, "config", "receive.denyCurrentBranch", "ignore");
    String[] result = clone("main", "feature/new");
    assertThat(result[0]).as(result[1]).isEqualTo("0");
    assertThat(git(repo(), "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("feature/new");
    assertThat(git(repo(), "rev-parse", "HEAD")).isEqualTo(git(origin, "rev-parse", "main"));
    assertThat(result[1]).contains("axon: created branch feature/new");

    Files.writeString(repo().resolve("new.txt"), "x\n");
    git(repo(), "add", ".");
    git(repo(), "commit", "-q", "-m", "new");
    git(repo(), "push", "-q");
    assertThat(git(origin, "rev-parse", "feature/new")).isEqualTo(git(repo(), "rev-parse", "HEAD"));
  }

  @Test
  void aBranchNameGitRefusesFailsTheClone() throws Exception {
    String[] result = clone(null, "bad..name");
    assertThat(result[0]).isNotEqualTo("0");
  }

  private String[] clone(String ref, String branch) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", CloneScript.SCRIPT);
    builder.environment().put("AXON_REPO", origin.toString());
    builder.environment().put("AXON_REPO_DIR", repo().toString());
    builder.environment().put("HOME", tmp.resolve("home").toString());
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    builder.environment().put("AXON_BRANCH", branch);
    if (ref != null) {
      builder.environment().put("AXON_REF", ref);
    }
    Files.createDirectories(tmp.resolve("home"));
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new String[] {String.valueOf(process.waitFor()), output};
  }

  private Path repo() {
    return tmp.resolve("workspace/repo");
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git", "-C", dir.toString(), "-c", "user.name=Test", "-c", "user.email=t@e.st"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + ": " + output);
    }
    return output;
  }
}

package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clone step's real script with real git over git's own file:// transport (which honours
 * partial-clone filters as a server does): partial by default, whole on request, any commit SHA
 * still checks out, and extra remotes are added.
 */
class PartialCloneAndRemotesTest {
  @TempDir Path tmp;
  private Path origin;
  private String firstCommit;

  @BeforeEach
  void createOrigin() throws Exception {
    origin = tmp.resolve("origin");
    Files.createDirectories(origin);
    git(origin, "init", "-q", "-b", "main");
    git(origin, "config", "uploadpack.allowFilter", "true");
    Files.writeString(origin.resolve("README.md"), "one\n");
    git(origin, "add", ".");
    git(origin, "commit", "-q", "-m", "first");
    firstCommit = git(origin, "rev-parse", "HEAD").strip();
    Files.writeString(origin.resolve("README.md"), "two\n");
    git(origin, "commit", "-q", "-am", "second");
  }

  @Test
  void aCloneIsPartialByDefaultAndAnOldCommitStillChecksOut() throws Exception {
    Result result = clone(Map.of("AXON_REF", firstCommit));

    assertThat(result.exit).as(result.output).isZero();
    assertThat(git(repo(), "config", "remote.origin.partialclonefilter").strip())
        .isEqualTo("blob:none");
    assertThat(git(repo(), "rev-parse", "HEAD").strip()).isEqualTo(firstCommit);
    assertThat(Files.readString(repo().resolve("README.md"))).isEqualTo("one\n");
  }

  @Test
  void partialCloneFalseClonesTheWholeHistory() throws Exception {
    Result result = clone(Map.of("AXON_PARTIAL_CLONE", "false"));

    assertThat(result.exit).as(result.output).isZero();
    assertThat(run(repo(), "git", "config", "remote.origin.promisor").exit).isNotZero();
    assertThat(Files.readString(repo().resolve("README.md"))).isEqualTo("two\n");
  }

  @Test
  void extraRemotesAreAddedByNameWithoutShellInterpretation() throws Exception {
    Path marker = tmp.resolve("pwned");
    Result result =
        clone(
            Map.of(
                "AXON_REMOTE_COUNT", "2",
                "AXON_REMOTE_0_NAME", "upstream",
                "AXON_REMOTE_0_URL", "https://github.com/upstream/repo.git",
                "AXON_REMOTE_1_NAME", "fork",
                "AXON_REMOTE_1_URL", "https://example.com/$(touch " + marker + ")"));

    assertThat(result.exit).as(result.output).isZero();
    assertThat(git(repo(), "remote", "get-url", "upstream").strip())
        .isEqualTo("https://github.com/upstream/repo.git");
    assertThat(git(repo(), "remote", "get-url", "fork").strip())
        .isEqualTo("https://example.com/$(touch " + marker + ")");
    assertThat(marker).doesNotExist();
  }

  private Result clone(Map<String, String> extra) throws Exception {
    Files.createDirectories(tmp.resolve("home"));
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", CloneScript.SCRIPT);
    builder.environment().put("AXON_REPO", origin.toUri().toString());
    builder.environment().put("AXON_REPO_DIR", repo().toString());
    builder.environment().put("HOME", tmp.resolve("home").toString());
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    builder.environment().putAll(extra);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private Path repo() {
    return tmp.resolve("workspace/repo");
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("git", "-c", "user.name=T", "-c", "user.email=t@e"));
    command.addAll(List.of(args));
    Result result = run(dir, command.toArray(String[]::new));
    assertThat(result.exit).as("git %s: %s", String.join(" ", args), result.output).isZero();
    return result.output;
  }

  private static Result run(Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private record Result(int exit, String output) {}
}

package io.axon.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup step's real script: files written byte-exact and kept inside, then the command. */
class SetupScriptTest {
  @TempDir Path tmp;
  private Path repo;
  private Path home;

  @BeforeEach
  void dirs() throws Exception {
    repo = Files.createDirectories(tmp.resolve("workspace/repo"));
    home = Files.createDirectories(tmp.resolve("home"));
  }

  @Test
  void filesAreWrittenByteExactIntoTheRepositoryAndHome() throws Exception {
    String strange = "$(touch pwned) `id` \"quoted\" 'single'\n\n\ttab é 漢字 trailing newlines\n\n";
    Result result =
        setup(
            files(
                repo,
                "config/ci.yaml",
                strange,
                repo,
                ".env.test",
                "",
                home,
                ".claude/CLAUDE.md",
                "Be brief."),
            null);

    assertThat(result.exit).as(result.output).isZero();
    assertThat(Files.readString(repo.resolve("config/ci.yaml"))).isEqualTo(strange);
    assertThat(Files.readString(repo.resolve(".env.test"))).isEmpty();
    assertThat(Files.readString(home.resolve(".claude/CLAUDE.md"))).isEqualTo("Be brief.");
    assertThat(repo.resolve("pwned")).doesNotExist();
    assertThat(result.output).contains("axon: wrote config/ci.yaml");
  }

  @Test
  void aPathOutOfTheRepositoryIsRefusedEvenThroughASymbolicLink() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(repo.resolve("docs"), outside);

    for (String path : new String[] {"/etc/x", "../x", "a/../../x", ".git/hooks/pre-commit"}) {
      Result result = setup(files(repo, path, "x"), null);
      assertThat(result.exit).as(path).isEqualTo(2);
      assertThat(result.output).contains("is not a plain relative path");
    }
    Result link = setup(files(repo, "docs/x", "x"), null);
    assertThat(link.exit).isEqualTo(2);
    assertThat(link.output).contains("leads out of");
    assertThat(outside.resolve("x")).doesNotExist();
  }

  @Test
  void theSetupCommandRunsInTheRepositoryAfterTheFilesAndItsFailureIsTheStepsExitCode()
      throws Exception {
    Result ok = setup(files(repo, "in.txt", "hello"), "cat in.txt > out.txt && echo done");
    assertThat(ok.exit).as(ok.output).isZero();
    assertThat(Files.readString(repo.resolve("out.txt"))).isEqualTo("hello");
    assertThat(ok.output).contains("done");

    Result failed = setup(Map.of(), "echo installing; echo 'npm ERR! missing script' >&2; exit 7");
    assertThat(failed.exit).isEqualTo(7);
    assertThat(failed.output).contains("npm ERR! missing script");
  }

  private Map<String, String> files(Object... triples) {
    Map<String, String> env = new LinkedHashMap<>();
    int n = triples.length / 3;
    env.put("AXON_FILE_COUNT", Integer.toString(n));
    for (int i = 0; i < n; i++) {
      env.put("AXON_FILE_" + i + "_DIR", triples[3 * i].toString());
      env.put("AXON_FILE_" + i + "_PATH", (String) triples[3 * i + 1]);
      env.put("AXON_FILE_" + i + "_CONTENT", (String) triples[3 * i + 2]);
    }
    return env;
  }

  private Result setup(Map<String, String> env, String command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", SetupScript.SCRIPT);
    builder.directory(repo.toFile());
    builder.environment().putAll(env);
    builder.environment().put("AXON_WORKSPACE_DIR", repo.toString());
    if (command != null) {
      builder.environment().put("AXON_SETUP_COMMAND", command);
    }
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private record Result(int exit, String output) {}
}

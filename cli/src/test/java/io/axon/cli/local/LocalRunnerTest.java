package io.axon.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.agent.AgentRegistry;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRunnerTest {

  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String hostPath, String type, boolean sandbox) {
    return run(hostPath, type, sandbox, "Say hi");
  }

  private int run(String hostPath, String type, boolean sandbox, String prompt) {
    LocalRunner runner = new LocalRunner(AgentRegistry.load(), tmp.resolve("cache"), hostPath);
    LocalRunner.Options options =
        new LocalRunner.Options(
            type,
            prompt,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            Map.of(),
            Optional.empty(),
            sandbox);
    return runner.run(
        options,
        new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true),
        false);
  }

  @Test
  void withoutBubblewrapItRefusesAndSaysWhatToDo() {
    assertThat(run("/nonexistent", "claude-code", true)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "error: bubblewrap is not installed: apt-get install bubblewrap"
                + " (or pass --no-sandbox to run unsandboxed)\n");
    assertThat(out.size()).isZero();
    assertThat(tmp.resolve("cache")).doesNotExist();
  }

  @Test
  void anUnknownAgentTypeIsNamed() {
    assertThat(run("/usr/bin:/bin", "no-such-agent", true)).isEqualTo(2);
    // The CLI's tests register a second runtime of their own (line-protocol) beside claude-code.
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("error: unknown agent type 'no-such-agent' (installed: ")
        .contains("claude-code")
        .endsWith(")\n");
  }

  @Test
  void anEmptyPromptIsRefused() {
    assertThat(run("/usr/bin:/bin", "claude-code", true, " \n")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("error: the prompt is empty: say what the agent should do\n");
  }

  @Test
  void aWorkspaceThatCannotBeClonedIsReportedAndLeavesNothing() throws Exception {
    Path runs = LocalRunner.defaultCacheDir().resolve("local-runs");
    java.util.Set<Path> before = listing(runs);
    // The real cache: the pinned CLI is installed there already (the install is its fast path).
    LocalRunner runner =
        new LocalRunner(AgentRegistry.load(), LocalRunner.defaultCacheDir(), "/usr/bin:/bin");
    for (String[] workspaceAndRef :
        new String[][] {
          {tmp.resolve("missing").toString(), null}, {cloneable(), "--upload-pack=x"}
        }) {
      err.reset();
      LocalRunner.Options options =
          new LocalRunner.Options(
              "claude-code",
              "Say hi",
              Optional.empty(),
              Optional.of(workspaceAndRef[0]),
              Optional.ofNullable(workspaceAndRef[1]),
              Map.of(),
              Map.of(),
              Optional.empty(),
              true);
      int status =
          runner.run(
              options,
              new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
              new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true),
              false);
      assertThat(status).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("error: could not clone " + workspaceAndRef[0]);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("'--upload-pack=x' is not a branch, tag or commit");
    assertThat(out.size()).isZero();
    assertThat(listing(runs)).isEqualTo(before);
  }

  @Test
  void aTokenInTheWorkspaceUrlIsNeverPrinted() throws Exception {
    LocalRunner runner =
        new LocalRunner(AgentRegistry.load(), LocalRunner.defaultCacheDir(), "/usr/bin:/bin");
    // Nothing listens on port 9 of the loopback: git fails at once, naming the URL it tried.
    String url = "http://x-access-token:ghp_s3cretToken@127.0.0.1:9/acme/widgets.git";
    LocalRunner.Options options =
        new LocalRunner.Options(
            "claude-code",
            "Say hi",
            Optional.empty(),
            Optional.of(url),
            Optional.empty(),
            Map.of(),
            Map.of(),
            Optional.empty(),
            true);
    int status =
        runner.run(
            options,
            new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
            new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true),
            false);

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Cloning http://***@127.0.0.1:9/acme/widgets.git ...")
        .contains("error: could not clone http://***@127.0.0.1:9/acme/widgets.git: ")
        .doesNotContain("s3cretToken")
        .doesNotContain("x-access-token");
  }

  @Test
  void credentialsAreRedactedFromEveryUrlInAMessage() {
    assertThat(
            WorkspaceSource.redact(
                "fatal: unable to access 'https://user:pw@git.example.com/r.git/' and"
                    + " ssh://tok@host:22/x"))
        .isEqualTo(
            "fatal: unable to access 'https://***@git.example.com/r.git/' and ssh://***@host:22/x");
    assertThat(WorkspaceSource.parse("git@github.com:acme/widgets.git").local()).isFalse();
    assertThat(WorkspaceSource.parse("./src").location())
        .isEqualTo(Path.of("src").toAbsolutePath().toString());
  }

  private String cloneable() throws Exception {
    Path repo = java.nio.file.Files.createDirectories(tmp.resolve("repo"));
    new ProcessBuilder("git", "init", "-q", repo.toString()).start().waitFor();
    return repo.toString();
  }

  private static java.util.Set<Path> listing(Path dir) throws Exception {
    if (!java.nio.file.Files.isDirectory(dir)) {
      return java.util.Set.of();
    }
    try (var files = java.nio.file.Files.list(dir)) {
      return files.collect(java.util.stream.Collectors.toSet());
    }
  }
}

package io.axon.cli.local;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code axon run --local} end to end: the genuine Claude Code CLI (installed by the runner on
 * first use) in a bubblewrap sandbox, through the agent entrypoint, against a scripted model on
 * 127.0.0.1.
 */
class LocalRunnerE2E {

  static final String MODEL = "claude-sonnet-4-20250514";
  private static final Pattern WORKSPACE = Pattern.compile("(?m)^Workspace: (/\\S+) ");

  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path workspace;

  @AfterEach
  void removeKeptWorkspace() throws Exception {
    if (workspace != null) {
      new RunDirectory(workspace.getParent()).removeAll();
    }
  }

  static LocalRunner.Options options(
      ScriptedAnthropicServer server, String prompt, Optional<String> workspace) {
    return new LocalRunner.Options(
        "claude-code",
        prompt,
        Optional.of(MODEL),
        workspace,
        Optional.empty(),
        Map.of("ANTHROPIC_API_KEY", "test-key"),
        Map.of("ANTHROPIC_BASE_URL", server.baseUrl()),
        Optional.empty(),
        true);
  }

  private int run(LocalRunner.Options options) {
    int status =
        new LocalRunner()
            .run(
                options,
                new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true),
                false);
    Matcher kept = WORKSPACE.matcher(output());
    if (kept.find()) {
      workspace = Path.of(kept.group(1));
    }
    return status;
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void bashCommitInTheSandbox() throws Exception {
    GitRepo source = GitRepo.create(tmp.resolve("source"));
    String command = "echo hello > hello.txt && git add hello.txt && git commit -q -m 'Add hello'";
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            message(text("I'll create hello.txt and commit it."), bash(command)),
            say("Done: hello.txt is committed."))) {
      int status =
          run(
              options(
                  server, "Create hello.txt and commit it.", Optional.of(source.dir().toString())));

      assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
      List<String> lines = output().lines().toList();
      assertThat(lines.subList(0, 7))
          .containsExactly(
              "[init] model=" + MODEL,
              "--- Turn 1 ---",
              "I'll create hello.txt and commit it.",
              "[tool] Bash: " + command,
              "--- Turn 2 ---",
              "Done: hello.txt is committed.",
              lines.get(6));
      assertThat(lines.get(6)).matches("\\[result] completed \\(2 turns, \\$0\\.\\d\\d\\)");
      assertThat(output()).contains("Outcome:   Succeeded (completed)\n", "Branch:    main\n");

      assertThat(workspace).isNotNull();
      GitRepo clone = GitRepo.open(workspace);
      assertThat(clone.git("log", "-1", "--format=%s")).isEqualTo("Add hello");
      assertThat(output()).contains("Commit:    " + clone.git("rev-parse", "HEAD") + "\n");
      assertThat(source.git("log", "--format=%s")).isEqualTo("Initial commit");
      // Only the workspace is kept.
      try (var left = Files.list(workspace.getParent())) {
        assertThat(left.map(p -> p.getFileName().toString())).containsExactly("workspace");
      }
    }
  }

  @Test
  void withoutTheSandboxItWarnsAndChecksOutTheRef() throws Exception {
    GitRepo source = GitRepo.create(tmp.resolve("source"));
    source.git("checkout", "-q", "-b", "feature");
    Files.writeString(source.dir().resolve("feature.txt"), "on the feature branch\n");
    source.git("add", "feature.txt");
    source.git("commit", "-q", "-m", "Feature");
    source.git("checkout", "-q", "main");
    String pr = "https://github.example.com/acme/widgets/pull/7";
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            message(bash("cat feature.txt && echo " + pr)), say("PR created: " + pr))) {
      LocalRunner.Options sandboxed =
          options(server, "Open a PR for the feature.", Optional.of(source.dir().toString()));
      // Unsandboxed, the agent runs as we do: root here, which Claude Code accepts only with
      // IS_SANDBOX (the sandboxed runner sets it itself).
      LocalRunner.Options options =
          new LocalRunner.Options(
              sandboxed.type(),
              sandboxed.prompt(),
              sandboxed.model(),
              sandboxed.workspace(),
              Optional.of("feature"),
              sandboxed.credentialEnv(),
              Map.of("ANTHROPIC_BASE_URL", server.baseUrl(), "IS_SANDBOX", "1"),
              Optional.of(5),
              false);
      int status = run(options);

      assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(LocalRunner.NO_SANDBOX_WARNING);
      assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(output())
          .contains("[tool] Bash: cat feature.txt && echo " + pr + "\n")
          .contains("Branch:    feature\n")
          .contains("PR:        " + pr + "\n");
      assertThat(server.requests().get(1).body().toString()).contains("on the feature branch");
    }
  }

  @Test
  void writesOutsideTheWorkspaceFailAndNothingOfTheHostLeaksIn() throws Exception {
    Path userHome = Path.of(System.getProperty("user.home"));
    String etcFile = "/etc/axon-escaped-" + ProcessHandle.current().pid();
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            message(bash("echo escaped > \"$HOME/../escaped-from-home.txt\"")),
            message(bash("echo escaped > " + etcFile)),
            message(
                bash(
                    "env | cut -d= -f1 | sort > env-names.txt; ls -A '"
                        + userHome
                        + "' > user-home.txt; id -u > uid.txt; hostname > hostname.txt")),
            say("I could not write outside the workspace."))) {
      int status = run(options(server, "Try to escape.", Optional.empty()));

      assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(output().lines().filter(l -> l.startsWith("[tool error] Bash: ")).count())
          .isEqualTo(2);
      String toolResults = server.requests().get(2).body().toString();
      // bash says "Read-only file system", zsh (which the CLI prefers when installed) "read-only
      // file system".
      assertThat(toolResults).containsIgnoringCase("read-only file system");

      assertThat(workspace).isNotNull();
      Path runRoot = workspace.getParent(); // the sandbox HOME's parent, on the host
      assertThat(runRoot.resolve("escaped-from-home.txt")).doesNotExist();
      assertThat(Path.of(etcFile)).doesNotExist();

      // The agent saw a fresh HOME, not ours, and only the environment it was given.
      Set<String> names = new HashSet<>(Files.readAllLines(workspace.resolve("env-names.txt")));
      assertThat(names).contains("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "HTTPS_PROXY");
      // Not root inside, so the agent CLI needs no IS_SANDBOX to skip its permission prompts.
      assertThat(names).doesNotContain("IS_SANDBOX");
      assertThat(names).noneMatch(name -> name.startsWith("AXON_"));
      Set<String> ours = new HashSet<>(System.getenv().keySet());
      ours.removeAll(
          Set.of(
              "PATH", "HOME", "LANG", "PWD", "OLDPWD", "SHLVL", "_", "TERM", "HOSTNAME", "SHELL"));
      // ... and what the runner gives the agent on purpose, whatever our own environment holds.
      ours.removeIf(
          name ->
              name.startsWith("ANTHROPIC_")
                  || name.toUpperCase(java.util.Locale.ROOT).endsWith("_PROXY")
                  || name.startsWith("CLAUDE")
                  || name.startsWith("DISABLE_")
                  || name.equals("IS_SANDBOX")
                  || name.startsWith("GIT_AUTHOR_")
                  || name.startsWith("GIT_COMMITTER_"));
      assertThat(names).doesNotContainAnyElementsOf(ours);
      // Our HOME is an empty tmpfs but for the JDK, class path and agent CLI mounted back
      // read-only.
      assertThat(Files.readAllLines(workspace.resolve("user-home.txt")))
          .isSubsetOf(".cache", ".m2", ".sdkman", ".local")
          .doesNotContain(".gitconfig", ".ssh", ".npm", ".axon");
      assertThat(Files.readString(workspace.resolve("hostname.txt")).strip())
          .isEqualTo(Bubblewrap.HOSTNAME);
    }
  }
}

package io.axon.cli.local;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static io.axon.agent.testing.ModelReply.say;
import static io.axon.agent.testing.ModelReply.text;

import io.axon.agent.claudecode.ClaudeCodeRuntime;
import io.axon.agent.testing.ClaudeCodeCli;
import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentInvocation;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a local run adds to the agent itself: the scripted two-turn Bash-commit scenario run with
 * the bare Claude Code CLI, and through {@link LocalRunner} (clone, install check, bubblewrap,
 * entrypoint JVM, rendering). Prints the median of 5 runs each (after one warm-up). Run it with
 * {@code ./mvnw -B -pl cli -am verify -Pbench -DskipTests}; see docs/benchmarks.md.
 */
public final class LocalRunBenchmark {

  private static final int RUNS = 5;
  private static final String PROMPT = "Create hello.txt containing hello and commit it.";
  private static final PrintWriter NOWHERE = new PrintWriter(Writer.nullWriter());

  private LocalRunBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("axon-bench-");
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(
            message(
                text("I'll create hello.txt and commit it."),
                bash(
                    "echo hello > hello.txt && git add hello.txt && git commit -q -m 'Add hello'")),
            say("Done."))) {
      Path claude = ClaudeCodeCli.executable();
      double[] bare = new double[RUNS];
      double[] local = new double[RUNS];
      for (int i = -1; i < RUNS; i++) { // i = -1: warm-up, not counted
        double b = bare(claude, server, tmp.resolve("bare-" + i));
        double l = local(server, tmp.resolve("local-" + i));
        if (i >= 0) {
          bare[i] = b;
          local[i] = l;
        }
      }
      System.out.printf(Locale.ROOT, "bare CLI    runs (s): %s%n", format(bare));
      System.out.printf(Locale.ROOT, "LocalRunner runs (s): %s%n", format(local));
      double bareMedian = median(bare);
      double localMedian = median(local);
      System.out.printf(Locale.ROOT, "median bare CLI:    %.3f s%n", bareMedian);
      System.out.printf(Locale.ROOT, "median LocalRunner: %.3f s%n", localMedian);
      System.out.printf(
          Locale.ROOT, "Axon adds:          %.3f s (target <= 0.8 s)%n", localMedian - bareMedian);
      System.out.printf(Locale.ROOT, "model requests:     %d%n", server.requests().size());
      // The machine's load matters: other builds on the same cores stretch every figure.
      System.out.printf(
          Locale.ROOT,
          "load average:       %s%n",
          Files.readString(Path.of("/proc/loadavg")).strip());
    } finally {
      new RunDirectory(tmp).removeAll();
    }
  }

  /** The CLI alone, as the entrypoint would start it, in a fresh repository and HOME. */
  private static double bare(Path claude, ScriptedAnthropicServer server, Path dir)
      throws Exception {
    GitRepo repo = GitRepo.create(dir.resolve("repo"));
    Path home = dir.resolve("home");
    GitRepo.writeIdentity(home);
    AgentCommand command =
        new ClaudeCodeRuntime()
            .command(
                new AgentInvocation(
                    PROMPT,
                    Optional.of(LocalRunnerE2E.MODEL),
                    repo.dir().toString(),
                    Optional.empty()));
    List<String> argv = new ArrayList<>(command.argv());
    argv.set(0, claude.toString());
    ProcessBuilder builder = new ProcessBuilder(argv).directory(repo.dir().toFile());
    builder.environment().clear();
    builder.environment().putAll(command.env());
    builder
        .environment()
        .putAll(
            Map.of(
                "PATH", "/usr/local/bin:/usr/bin:/bin",
                "HOME", home.toString(),
                "LANG", "C.UTF-8",
                "ANTHROPIC_BASE_URL", server.baseUrl(),
                "ANTHROPIC_API_KEY", "test-key",
                "IS_SANDBOX", "1"));
    long start = System.nanoTime();
    Process process =
        builder
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    process.getInputStream().transferTo(OutputStream.nullOutputStream());
    int exit = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    check(exit == 0 && repo.git("log", "-1", "--format=%s").equals("Add hello"), "bare run");
    return seconds;
  }

  /** The same through LocalRunner: clone, sandbox, entrypoint, rendering, summary. */
  private static double local(ScriptedAnthropicServer server, Path dir) throws Exception {
    GitRepo source = GitRepo.create(dir.resolve("source"));
    LocalRunner.Options options =
        new LocalRunner.Options(
            "claude-code",
            PROMPT,
            Optional.of(LocalRunnerE2E.MODEL),
            Optional.of(source.dir().toString()),
            Optional.empty(),
            Map.of("ANTHROPIC_API_KEY", "test-key"),
            Map.of("ANTHROPIC_BASE_URL", server.baseUrl()),
            Optional.empty(),
            true);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    long start = System.nanoTime();
    int exit =
        new LocalRunner()
            .run(
                options,
                new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
                NOWHERE,
                false);
    double seconds = (System.nanoTime() - start) / 1e9;
    String printed = out.toString();
    check(exit == 0 && printed.contains("[result] completed"), "local run:\n" + printed);
    java.util.regex.Matcher kept =
        java.util.regex.Pattern.compile("(?m)^Workspace: (/\\S+) ").matcher(printed);
    if (kept.find()) {
      new RunDirectory(Path.of(kept.group(1)).getParent()).removeAll();
    }
    return seconds;
  }

  private static void check(boolean ok, String what) throws IOException {
    if (!ok) {
      throw new IOException(what + " did not succeed");
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String format(double[] values) {
    StringBuilder s = new StringBuilder();
    for (double v : values) {
      s.append(String.format(Locale.ROOT, "%.3f ", v));
    }
    return s.toString().strip();
  }
}

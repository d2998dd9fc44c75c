package io.axon.cli.local;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C (a real SIGINT, or SIGTERM, to a JVM running {@link LocalRunner}) stops the agent and
 * keeps the work it did, saying where, with nothing else of the run left; a second Ctrl-C while it
 * tidies up ends it at once and says where the run was left.
 */
class LocalRunnerInterruptE2E {

  private static Set<Path> runs() throws Exception {
    Path dir = LocalRunner.defaultCacheDir().resolve("local-runs");
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try (Stream<Path> runs = Files.list(dir)) {
      return runs.collect(Collectors.toSet());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void aSignalStopsTheAgentAndKeepsItsCommit(
      String signal, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    GitRepo source = GitRepo.create(tmp.resolve("source"));
    String commit = "echo work > work.txt && git add work.txt && git commit -q -m 'Work so far'";
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(message(bash(commit)), new ModelReply.Hang())) {
      Set<Path> before = runs();
      ProcessBuilder builder =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              System.getProperty("java.class.path"),
              LocalRunnerMain.class.getName(),
              server.baseUrl(),
              "Work, then think for a long time.",
              source.dir().toString());
      builder.environment().put("LANG", "C.UTF-8");
      Process runner = builder.redirectErrorStream(true).start();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      Thread drain =
          new Thread(
              () -> {
                try {
                  runner.getInputStream().transferTo(output);
                } catch (java.io.IOException e) {
                  // gone
                }
              });
      drain.start();
      server.awaitRequests(2, Duration.ofSeconds(120));
      assertThat(server.requests()).as("the agent committed, then asked the model").hasSize(2);
      Set<Path> started = new HashSet<>(runs());
      started.removeAll(before);
      assertThat(started).hasSize(1);
      Path run = started.iterator().next();
      List<ProcessHandle> sandboxed = runner.descendants().toList();
      assertThat(sandboxed).isNotEmpty();

      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(runner.pid())).start();
      assertThat(kill.waitFor()).isZero();

      assertThat(runner.waitFor(60, TimeUnit.SECONDS)).isTrue();
      drain.join(TimeUnit.SECONDS.toMillis(10));
      String printed = output.toString(StandardCharsets.UTF_8);
      assertThat(runner.exitValue()).as(printed).isEqualTo(signal.equals("INT") ? 130 : 143);
      assertThat(printed).contains("Stopped; its workspace is kept: " + run.resolve("workspace"));
      // Killed processes may take a moment to be reaped once their parent is gone.
      Instant reaped = Instant.now().plus(Duration.ofSeconds(20));
      while (sandboxed.stream().anyMatch(ProcessHandle::isAlive)
          && Instant.now().isBefore(reaped)) {
        Thread.sleep(100);
      }
      assertThat(sandboxed).noneMatch(ProcessHandle::isAlive);
      assertThat(ResourceLimits.leftovers(run.getFileName().toString())).isEmpty();
      try (Stream<Path> left = Files.list(run)) {
        assertThat(left.map(p -> p.getFileName().toString())).containsExactly("workspace");
      }
      assertThat(GitRepo.open(run.resolve("workspace")).git("log", "-1", "--format=%s"))
          .isEqualTo("Work so far");
      new RunDirectory(run).removeAll();
    }
  }

  @Test
  void aSecondCtrlCWhileTidyingUpLeavesTheRunAsItIsAndSaysWhere(@TempDir Path tmp)
      throws Exception {
    GitRepo source = GitRepo.create(tmp.resolve("source"));
    // Many files in the run's HOME (as an agent's package caches are): tidying up takes seconds.
    String work =
        "echo work > work.txt && git add work.txt && git commit -q -m 'Work so far'"
            + " && mkdir -p \"$HOME/cache\" && cd \"$HOME/cache\" && seq 1 200000 | xargs touch";
    try (ScriptedAnthropicServer server =
        ScriptedAnthropicServer.start(message(bash(work)), new ModelReply.Hang())) {
      Set<Path> before = runs();
      Process runner = startRunner(server, source);
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      Thread drain = drain(runner, output);
      server.awaitRequests(2, Duration.ofSeconds(120));
      assertThat(server.requests()).as("the agent worked, then asked the model").hasSize(2);
      Set<Path> started = new HashSet<>(runs());
      started.removeAll(before);
      assertThat(started).hasSize(1);
      Path run = started.iterator().next();

      signal("INT", runner);
      awaitOutput(output, "Ctrl-C again", Duration.ofSeconds(30));
      assertThat(output.toString(StandardCharsets.UTF_8))
          .contains(
              "Stopping the agent and tidying up (Ctrl-C again to leave everything as it is)");
      signal("INT", runner);

      assertThat(runner.waitFor(60, TimeUnit.SECONDS)).isTrue();
      drain.join(TimeUnit.SECONDS.toMillis(10));
      String printed = output.toString(StandardCharsets.UTF_8);
      assertThat(runner.exitValue()).as(printed).isEqualTo(130);
      assertThat(printed)
          .contains(
              "Stopped without tidying up: the run is left as it was in "
                  + run
                  + " (its workspace: "
                  + run.resolve("workspace")
                  + "); `axon local clean` or the next `axon run --local` tidies it")
          .doesNotContain("Stopped; ");
      // Tidying had not finished: HOME (some of its files at least) is still there.
      try (Stream<Path> left = Files.list(run)) {
        assertThat(left.map(p -> p.getFileName().toString())).contains("workspace", "home");
      }
      assertThat(GitRepo.open(run.resolve("workspace")).git("log", "-1", "--format=%s"))
          .isEqualTo("Work so far");
      new RunDirectory(run).removeAll();
      ResourceLimits.removeLeftovers(run.getFileName().toString());
    }
  }

  private static Process startRunner(ScriptedAnthropicServer server, GitRepo source)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            LocalRunnerMain.class.getName(),
            server.baseUrl(),
            "Work, then think for a long time.",
            source.dir().toString());
    builder.environment().put("LANG", "C.UTF-8");
    return builder.redirectErrorStream(true).start();
  }

  /** Waits, without polling, until the drained output contains {@code text}. */
  private static void awaitOutput(ByteArrayOutputStream output, String text, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (output) {
      for (long left = timeout.toNanos();
          !output.toString(StandardCharsets.UTF_8).contains(text) && left > 0; ) {
        TimeUnit.NANOSECONDS.timedWait(output, left);
        left = deadline - System.nanoTime();
      }
    }
  }

  private static Thread drain(Process runner, ByteArrayOutputStream output) {
    Thread drain =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = runner.getInputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  synchronized (output) {
                    output.write(buffer, 0, n);
                    output.notifyAll();
                  }
                }
              } catch (IOException e) {
                // gone
              }
            });
    drain.start();
    return drain;
  }

  private static void signal(String signal, Process runner) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(runner.pid())).start();
    assertThat(kill.waitFor()).isZero();
  }
}

package io.axon.cli.local;

import static io.axon.agent.testing.ModelReply.bash;
import static io.axon.agent.testing.ModelReply.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.GitRepo;
import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import java.io.ByteArrayOutputStream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C (a real SIGINT, or SIGTERM, to a JVM running {@link LocalRunner}) stops the agent and
 * keeps the work it did, saying where, with nothing else of the run left.
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
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      while (server.requests().size() < 2 && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
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
}

package io.axon.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
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

/** Ctrl-C during a local run: a real SIGINT to a JVM running {@link LocalRunner}. */
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

  @Test
  void sigintStopsTheAgentAndRemovesTheRunDirectories() throws Exception {
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(new ModelReply.Hang())) {
      Set<Path> before = runs();
      ProcessBuilder builder =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              System.getProperty("java.class.path"),
              LocalRunnerMain.class.getName(),
              server.baseUrl(),
              "Think for a long time.");
      builder.environment().put("LANG", "C.UTF-8");
      Process runner = builder.redirectErrorStream(true).start();
      Thread drain =
          new Thread(
              () -> {
                try {
                  runner.getInputStream().transferTo(System.out);
                } catch (java.io.IOException e) {
                  // gone
                }
              });
      drain.start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      while (server.requests().isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(server.requests()).as("the sandboxed agent asked the model").isNotEmpty();
      Set<Path> started = new HashSet<>(runs());
      started.removeAll(before);
      assertThat(started).hasSize(1);
      List<ProcessHandle> sandboxed = runner.descendants().toList();
      assertThat(sandboxed).isNotEmpty();

      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(runner.pid())).start();
      assertThat(kill.waitFor()).isZero();

      assertThat(runner.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(runner.exitValue()).isEqualTo(130);
      // Killed processes may take a moment to be reaped once their parent is gone.
      Instant reaped = Instant.now().plus(Duration.ofSeconds(20));
      while (sandboxed.stream().anyMatch(ProcessHandle::isAlive)
          && Instant.now().isBefore(reaped)) {
        Thread.sleep(100);
      }
      assertThat(sandboxed).noneMatch(ProcessHandle::isAlive);
      assertThat(started.iterator().next()).doesNotExist();
    }
  }
}

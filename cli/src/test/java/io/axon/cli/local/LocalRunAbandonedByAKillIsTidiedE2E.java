package io.axon.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A run whose CLI was killed outright (SIGKILL, no chance to tidy) leaves its HOME, session files
 * and cgroups only until the next run starts, which removes them, and its workspace, which held no
 * work.
 */
class LocalRunAbandonedByAKillIsTidiedE2E {

  private static Set<Path> runs() throws Exception {
    Path dir = RunDirectory.runsDir(LocalRunner.defaultCacheDir());
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try (Stream<Path> runs = Files.list(dir)) {
      return runs.collect(Collectors.toSet());
    }
  }

  @Test
  void theNextRunRemovesWhatAKilledRunLeft() throws Exception {
    try (ScriptedAnthropicServer server = ScriptedAnthropicServer.start(new ModelReply.Hang())) {
      Set<Path> before = runs();
      Process runner =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  LocalRunnerMain.class.getName(),
                  server.baseUrl(),
                  "Think for a long time.")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      while (server.requests().isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(server.requests()).as("the sandboxed agent asked the model").isNotEmpty();
      Set<Path> started = new HashSet<>(runs());
      started.removeAll(before);
      assertThat(started).hasSize(1);
      Path run = started.iterator().next();
      assertThat(run.resolve("home")).isDirectory();

      runner.destroyForcibly();
      assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(run.resolve("home")).as("nothing could tidy after a SIGKILL").isDirectory();

      // What every run does first.
      RunDirectory.tidyAbandoned(LocalRunner.defaultCacheDir());

      assertThat(run).doesNotExist();
      assertThat(ResourceLimits.leftovers(run.getFileName().toString())).isEmpty();
    }
  }
}

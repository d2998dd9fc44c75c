package io.axon.agent.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LeftoverProcessesTest {
  private static final Duration BOUND = Duration.ofSeconds(20);

  @Test
  void aZombieIsNotRunningThoughTheJdkCallsItAlive() throws Exception {
    // The shell becomes a sleep that never reaps its child, as a pod's PID 1 JVM never reaps an
    // orphan it inherits.
    Process parent = new ProcessBuilder("sh", "-c", "sleep 0.1 & exec sleep 60").start();
    try {
      ProcessHandle child = await(() -> parent.children().findFirst());
      await(() -> LeftoverProcesses.running(child) ? Optional.empty() : Optional.of(true));

      assertThat(child.isAlive()).as("a zombie, to the JDK").isTrue();
      assertThat(LeftoverProcesses.running(child)).isFalse();
      assertThat(LeftoverProcesses.running(parent.toHandle())).isTrue();
    } finally {
      parent.destroyForcibly().waitFor();
    }
  }

  @Test
  void killReturnsOnceNoneRuns() throws Exception {
    Process sleeping = new ProcessBuilder("sleep", "60").start();
    Instant started = Instant.now();

    LeftoverProcesses.kill(List.of(sleeping.toHandle()));

    assertThat(LeftoverProcesses.running(sleeping.toHandle())).isFalse();
    assertThat(Duration.between(started, Instant.now())).isLessThan(LeftoverProcesses.KILL_WAIT);
  }

  private static <T> T await(Supplier<Optional<T>> value) throws InterruptedException {
    Instant deadline = Instant.now().plus(BOUND);
    while (Instant.now().isBefore(deadline)) {
      Optional<T> found = value.get();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("not within " + BOUND);
  }
}

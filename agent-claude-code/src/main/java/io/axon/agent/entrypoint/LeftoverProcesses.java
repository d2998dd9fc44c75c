package io.axon.agent.entrypoint;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What an agent started and left running when it stopped. */
final class LeftoverProcesses {
  /** A SIGKILL takes effect asynchronously; this bounds the wait for it. */
  static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private LeftoverProcesses() {}

  /**
   * SIGKILLs those still alive and waits, up to {@link #KILL_WAIT}, until they are gone, so that
   * nothing of the agent outlives the entrypoint's report of how the run ended.
   */
  static void kill(List<ProcessHandle> processes) throws InterruptedException {
    List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
    alive.forEach(ProcessHandle::destroyForcibly);
    try {
      CompletableFuture.allOf(
              alive.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
          .get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Gone or not, the run still ends and says how; the pod's end takes what is left.
    }
  }
}

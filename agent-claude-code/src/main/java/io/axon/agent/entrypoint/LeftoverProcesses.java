package io.axon.agent.entrypoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What an agent started and left running when it stopped. */
final class LeftoverProcesses {
  /** A SIGKILL takes effect asynchronously; this bounds the wait for it. */
  static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private static final long POLL_MILLIS = 10;

  private LeftoverProcesses() {}

  /**
   * SIGKILLs those still running and waits, up to {@link #KILL_WAIT}, until none runs, so that
   * nothing of the agent outlives the entrypoint's report of how the run ended.
   */
  static void kill(List<ProcessHandle> processes) throws InterruptedException {
    List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
    alive.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + KILL_WAIT.toNanos();
    while (alive.stream().anyMatch(LeftoverProcesses::running)
        && System.nanoTime() - deadline < 0) {
      Thread.sleep(POLL_MILLIS);
    }
  }

  /**
   * Whether the process exists and is not a zombie. {@link ProcessHandle#isAlive} is true for a
   * zombie, and in a pod the entrypoint is PID 1: an orphan it inherits stays one, since the JVM
   * reaps only its own children.
   */
  static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // pid (comm) state ...: comm may hold spaces and parentheses, the state follows the last ')'.
      int end = stat.lastIndexOf(')');
      char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : '?';
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false; // gone meanwhile
    }
  }
}

package io.axon.agent.entrypoint;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops an agent gracefully first: SIGINT (Claude Code then ends its turn and still writes its
 * result), SIGTERM after a grace period, and SIGKILL for it and whatever it started after another.
 * Java can send only SIGTERM and SIGKILL, so SIGINT goes through {@code kill}.
 */
final class AgentStopper {

  private final Process agent;
  private final Duration interruptGrace;
  private final Duration terminateGrace;
  private final PrintStream log;

  AgentStopper(Process agent, Duration interruptGrace, Duration terminateGrace, PrintStream log) {
    this.agent = agent;
    this.interruptGrace = interruptGrace;
    this.terminateGrace = terminateGrace;
    this.log = log;
  }

  /** Starts stopping the agent on a thread of its own, so its output is still read meanwhile. */
  void stopInBackground(String why) {
    Thread thread = new Thread(() -> stop(why), "axon-agent-limit-stop");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(String why) {
    if (!agent.isAlive()) {
      return; // it ended by itself meanwhile: nothing to stop, nothing to say
    }
    try {
      log.println("axon-agent: " + why + ": stopping the agent (SIGINT)");
      List<ProcessHandle> descendants = agent.descendants().toList();
      if (interrupt() && agent.waitFor(interruptGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        // What it started and left behind would keep its output open.
        LeftoverProcesses.kill(descendants);
        return;
      }
      if (agent.isAlive()) {
        log.println("axon-agent: the agent did not stop: SIGTERM");
        agent.destroy();
      }
      if (!agent.waitFor(terminateGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.println("axon-agent: the agent did not stop: SIGKILL");
        agent.destroyForcibly();
      }
      LeftoverProcesses.kill(descendants);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends SIGINT; false when it could not be sent (no {@code kill}). */
  private boolean interrupt() throws InterruptedException {
    if (!agent.isAlive()) {
      return true;
    }
    try {
      Process kill =
          new ProcessBuilder("kill", "-INT", Long.toString(agent.pid()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}

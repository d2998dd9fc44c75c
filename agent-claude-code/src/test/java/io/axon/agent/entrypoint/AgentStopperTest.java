package io.axon.agent.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stop's escalation on real stubborn processes: SIGINT, then SIGTERM after the first grace,
 * then SIGKILL after the second, for the agent and whatever it left running. A process killed by a
 * signal exits with 128 + its number (Java reports it so): SIGINT 130, SIGTERM 143, SIGKILL 137.
 */
class AgentStopperTest {

  private static final Duration SHORT = Duration.ofMillis(300);
  private static final Duration LONG = Duration.ofSeconds(60);

  /** Well below LONG: the stop returned on the agent's exit, not at the end of a grace. */
  private static final Duration BOUND = Duration.ofSeconds(10);

  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
  private Process agent;
  private ProcessHandle child;

  @AfterEach
  void killLeftovers() {
    if (agent != null) {
      agent.destroyForcibly();
    }
    if (child != null) {
      child.destroyForcibly();
    }
  }

  /**
   * Starts {@code sh -c script}; the script prints the pid of the child it leaves running (a {@code
   * sleep} that, started in the background, ignores SIGINT) once its traps are set.
   */
  private void start(String script) throws Exception {
    agent = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
    String pid = out.readLine();
    assertThat(pid).as("the script's child pid").matches("\\d+");
    // Gone already (the already-ended case kills it at once) counts as not running.
    child = ProcessHandle.of(Long.parseLong(pid)).orElse(null);
  }

  /** Runs the stop; returns how long it took. */
  private Duration stop(Duration interruptGrace, Duration terminateGrace) {
    long start = System.nanoTime();
    new AgentStopper(agent, interruptGrace, terminateGrace, log).stop("the test");
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private void assertTheChildWasKilledToo() throws Exception {
    assertThat(child).as("the child was running when the stop began").isNotNull();
    assertThat(child.onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
  }

  private String logged() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anAgentThatEndsOnSigintIsStoppedByItWithoutWaitingForTheGrace() throws Exception {
    start("sleep 600 & echo $!; wait");

    Duration took = stop(LONG, LONG);

    assertThat(agent.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(agent.exitValue()).as("ended by SIGINT").isEqualTo(130);
    assertThat(took).isLessThan(BOUND);
    assertTheChildWasKilledToo();
    assertThat(logged())
        .isEqualTo("axon-agent: the test: stopping the agent (SIGINT)\n")
        .doesNotContain("SIGTERM");
  }

  @Test
  void anAgentThatIgnoresSigintIsStoppedBySigtermAfterTheFirstGrace() throws Exception {
    start("trap '' INT; sleep 600 & echo $!; wait");

    Duration took = stop(SHORT, LONG);

    assertThat(agent.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(agent.exitValue()).as("ended by SIGTERM").isEqualTo(143);
    assertThat(took).isGreaterThanOrEqualTo(SHORT).isLessThan(BOUND);
    assertTheChildWasKilledToo();
    assertThat(logged()).contains("the agent did not stop: SIGTERM").doesNotContain("SIGKILL");
  }

  @Test
  void anAgentThatIgnoresSigintAndSigtermIsKilledAfterBothGraces() throws Exception {
    start("trap '' INT TERM; sleep 600 & echo $!; wait");

    Duration took = stop(SHORT, SHORT);

    assertThat(agent.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(agent.exitValue()).as("ended by SIGKILL").isEqualTo(137);
    assertThat(took).isGreaterThanOrEqualTo(SHORT.plus(SHORT)).isLessThan(BOUND);
    assertTheChildWasKilledToo();
    assertThat(logged())
        .contains("the agent did not stop: SIGTERM")
        .contains("the agent did not stop: SIGKILL");
  }

  @Test
  void anAgentThatAlreadyEndedIsLeftAsItWas() throws Exception {
    start("sleep 600 & echo $!; kill $!; wait; exit 3");
    assertThat(agent.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

    Duration took = stop(LONG, LONG);

    assertThat(agent.exitValue()).as("its own exit").isEqualTo(3);
    assertThat(took).isLessThan(BOUND);
    assertThat(logged()).as("nothing said of a stop that had nothing to stop").isEmpty();
  }
}

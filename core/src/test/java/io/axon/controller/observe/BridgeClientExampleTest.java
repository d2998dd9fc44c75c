package io.axon.controller.observe;

import static io.axon.controller.observe.WatchTasksScript.lines;
import static io.axon.controller.observe.WatchTasksScript.reader;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the shipped Python example client (examples/bridge-client) against a live bridge. */
@EnableKubernetesMockClient(crud = true)
class BridgeClientExampleTest {
  KubernetesClient client;
  ControllerHarness harness;
  int port;

  @BeforeEach
  void start() throws IOException {
    assertThat(WatchTasksScript.SCRIPT).exists();
    port = BridgedController.freePort();
    harness = BridgedController.start(client, BridgedController.onLoopback(port));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void theExampleClientPrintsATasksLife() throws Exception {
    Process watcher =
        WatchTasksScript.start(
            "--port",
            String.valueOf(port),
            "--count",
            "5",
            "--address",
            "axon.task.created",
            "--address",
            "axon.task.phase",
            "--address",
            "axon.task.finished");
    try {
      BufferedReader stderr = reader(watcher.getErrorStream());
      assertThat(stderr.readLine())
          .isEqualTo(
              "Watching axon.task.created, axon.task.phase, axon.task.finished on 127.0.0.1:"
                  + port);

      TaskRun run = TaskRun.start(client, Fixtures.task("py"));
      run.running();
      run.succeeded(TaskRun.SUCCESS_SUMMARY);

      assertThat(watcher.waitFor(30, TimeUnit.SECONDS)).as("the client exits after 5").isTrue();
      assertThat(watcher.exitValue()).isZero();
      List<String> lines = lines(watcher.getInputStream());
      String time = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z ";
      assertThat(lines).hasSize(5);
      assertThat(lines.get(0)).matches(time + "created   team-a/py type=claude-code model=default");
      assertThat(lines.get(1))
          .matches(
              time
                  + "phase     team-a/py \\(new\\) -> Pending: Waiting for the agent's pod to start\\.");
      assertThat(lines.get(2))
          .matches(time + "phase     team-a/py Pending -> Running: The agent is running\\.");
      assertThat(lines.get(3))
          .matches(
              time
                  + "phase     team-a/py Running -> Succeeded: The agent finished: PR created: https://github.com/o/r/pull/7");
      assertThat(lines.get(4))
          .matches(
              time
                  + "finished  team-a/py Succeeded cost=\\$0\\.1234 tokens=1200/340 turns=8 pr=https://github.com/o/r/pull/7");
    } finally {
      watcher.destroyForcibly();
    }
  }

  @Test
  void jsonModePrintsThePayloadsAsTheyCame() throws Exception {
    Process watcher =
        WatchTasksScript.start(
            "--port",
            String.valueOf(port),
            "--count",
            "1",
            "--json",
            "--address",
            "axon.task.finished");
    try {
      assertThat(reader(watcher.getErrorStream()).readLine()).startsWith("Watching");
      TaskRun run = TaskRun.start(client, Fixtures.task("pyjson"));
      run.running();
      run.failed(TaskRun.MAX_TURNS_SUMMARY);
      assertThat(run.await(TaskPhase.Failed).getStatus().getResult().getReason())
          .isEqualTo("LimitReached");

      assertThat(watcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
      List<String> lines = lines(watcher.getInputStream());
      assertThat(lines).hasSize(1);
      JsonObject printed = new JsonObject(lines.get(0));
      assertThat(printed.getString("address")).isEqualTo("axon.task.finished");
      JsonObject event = printed.getJsonObject("event");
      assertThat(event.getString("name")).isEqualTo("pyjson");
      assertThat(event.getString("outcome")).isEqualTo("Failed");
      assertThat(event.getString("reason")).isEqualTo("LimitReached");
      assertThat(event.getString("costUSD")).isEqualTo("0.01");
    } finally {
      watcher.destroyForcibly();
    }
  }

  @Test
  void theExampleClientSaysWhenTheBridgeRefusesAnAddress() throws Exception {
    Process watcher =
        WatchTasksScript.start(
            "--port", String.valueOf(port), "--address", "axon.internal.taskspawner.reconcile");
    assertThat(watcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(watcher.exitValue()).isEqualTo(1);
    assertThat(String.join("\n", lines(watcher.getErrorStream())))
        .startsWith("The bridge refused a request: access_denied.");
  }

  @Test
  void theExampleClientSaysWhatToDoWhenNothingListens() throws Exception {
    Process watcher =
        WatchTasksScript.start("--port", String.valueOf(BridgedController.freePort()));
    assertThat(watcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(watcher.exitValue()).isEqualTo(2);
    assertThat(String.join("\n", lines(watcher.getErrorStream())))
        .startsWith("Cannot connect to the Axon bridge at 127.0.0.1:")
        .contains("Is bridge.enabled true");
  }
}

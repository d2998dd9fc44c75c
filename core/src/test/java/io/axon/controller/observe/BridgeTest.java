package io.axon.controller.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.controller.runtime.Addresses;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The TCP event-bus bridge with a real socket client, and the controller running Tasks on the CRUD
 * mock API server: lifecycle events arrive in order with their payloads; nothing gets in.
 */
@EnableKubernetesMockClient(crud = true)
class BridgeTest {
  KubernetesClient client;
  ControllerHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void aClientSeesATaskLiveThroughPendingRunningAndSucceededInOrder() throws Exception {
    int port = startWithBridge(new JsonObject());
    try (BridgeClient bridge = BridgeClient.connect(port)) {
      bridge.register(Addresses.TASK_CREATED);
      bridge.register(Addresses.TASK_PHASE);
      bridge.register(Addresses.TASK_FINISHED);
      bridge.sync();

      Task spec = Fixtures.task("bridged");
      spec.getSpec().setModel("claude-sonnet-4-20250514");
      TaskRun run = TaskRun.start(client, spec);
      run.running();
      Task done = run.succeeded(TaskRun.SUCCESS_SUMMARY);
      String uid = done.getMetadata().getUid();

      List<JsonObject> frames = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        frames.add(bridge.read());
      }
      assertThat(frames).allSatisfy(f -> assertThat(f.getString("type")).isEqualTo("message"));
      assertThat(frames)
          .extracting(f -> f.getString("address"))
          .containsExactly(
              "axon.task.created",
              "axon.task.phase",
              "axon.task.phase",
              "axon.task.phase",
              "axon.task.finished");
      List<JsonObject> bodies = frames.stream().map(f -> f.getJsonObject("body")).toList();
      for (JsonObject body : bodies) {
        assertThat(body.getString("namespace")).isEqualTo(Fixtures.NAMESPACE);
        assertThat(body.getString("name")).isEqualTo("bridged");
        assertThat(body.getString("uid")).isEqualTo(uid);
        assertThat(body.getString("type")).isEqualTo("claude-code");
        assertThat(body.getString("model")).isEqualTo("claude-sonnet-4-20250514");
        assertThat(body.getString("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z");
        assertThat(body.containsKey("message")).isTrue();
        assertThat(body.encode()).doesNotContain("hello world program"); // never the prompt
      }
      assertThat(bodies.get(0).getString("phase")).isEqualTo("Pending");
      assertThat(phaseChange(bodies.get(1))).isEqualTo("null->Pending");
      assertThat(phaseChange(bodies.get(2))).isEqualTo("Pending->Running");
      assertThat(bodies.get(2).getString("phase")).isEqualTo("Running");
      assertThat(bodies.get(2).getString("message")).isEqualTo("The agent is running.");
      assertThat(phaseChange(bodies.get(3))).isEqualTo("Running->Succeeded");
      assertThat(bodies.get(3).getString("message"))
          .isEqualTo("The agent finished: PR created: https://github.com/o/r/pull/7");

      JsonObject finished = bodies.get(4);
      assertThat(finished.getString("phase")).isEqualTo("Succeeded");
      assertThat(finished.getString("outcome")).isEqualTo("Succeeded");
      assertThat(finished.getString("reason")).isEqualTo("Completed");
      assertThat(finished.getInteger("turns")).isEqualTo(8);
      assertThat(finished.getString("costUSD")).isEqualTo("0.1234");
      assertThat(finished.getLong("inputTokens")).isEqualTo(1200L);
      assertThat(finished.getLong("outputTokens")).isEqualTo(340L);
      assertThat(finished.getString("pullRequestURL")).isEqualTo("https://github.com/o/r/pull/7");
      assertThat(finished.getString("branch")).isEqualTo("fix-42");
      assertThat(finished.getString("commit")).isEqualTo("abc123");
      assertThat(finished.getString("startTime")).isEqualTo("2026-11-23T10:00:05Z");
      assertThat(finished.getString("completionTime")).isEqualTo("2026-11-23T10:05:05Z");
      assertThat(finished.getString("message"))
          .isEqualTo("The agent finished: PR created: https://github.com/o/r/pull/7");
    }
  }

  @Test
  void aFailedTaskIsFinishedWithTheAgentsReason() throws Exception {
    int port = startWithBridge(new JsonObject());
    try (BridgeClient bridge = BridgeClient.connect(port)) {
      bridge.register(Addresses.TASK_FINISHED);
      bridge.sync();

      TaskRun run = TaskRun.start(client, Fixtures.task("capped"));
      run.running();
      run.failed(TaskRun.MAX_TURNS_SUMMARY);

      JsonObject finished = bridge.read().getJsonObject("body");
      assertThat(finished.getString("name")).isEqualTo("capped");
      assertThat(finished.getString("outcome")).isEqualTo("Failed");
      assertThat(finished.getString("reason")).isEqualTo("LimitReached");
      assertThat(finished.getInteger("turns")).isEqualTo(2);
      assertThat(finished.getString("model")).isNull();
      assertThat(finished.containsKey("model")).isTrue();
      assertThat(finished.getString("pullRequestURL")).isNull();
      assertThat(finished.getString("message"))
          .isEqualTo("The agent failed (error_max_turns): Reached maximum number of turns (1)");
    }
  }

  @Test
  void clientsCanNeitherSendNorPublishNorListenToInternalAddresses() throws Exception {
    int port = startWithBridge(new JsonObject());
    List<Object> delivered = new ArrayList<>();
    harness.vertx().eventBus().consumer(Addresses.SPAWNER_RECONCILE, m -> delivered.add(m.body()));
    harness.vertx().eventBus().consumer(Addresses.TASK_PHASE, m -> delivered.add(m.body()));

    try (BridgeClient bridge = BridgeClient.connect(port)) {
      bridge.send(Addresses.SPAWNER_RECONCILE, "team-a/victim");
      assertDenied(bridge.read());
      bridge.publish(Addresses.SPAWNER_RECONCILE, "team-a/victim");
      assertDenied(bridge.read());
      // Not even the public addresses take input: events come from the controller only.
      bridge.publish(Addresses.TASK_PHASE, new JsonObject().put("name", "forged"));
      assertDenied(bridge.read());
      bridge.register(Addresses.SPAWNER_RECONCILE);
      assertDenied(bridge.read());
      bridge.register(Addresses.SPAWNER_POLL);
      assertDenied(bridge.read());
      bridge.sync();
    }
    assertThat(delivered).isEmpty();
  }

  @Test
  void addressesTheOperatorAllowsCanBeSentTo() throws Exception {
    int port =
        startWithBridge(new JsonObject().put("allowInbound", new JsonArray().add("acme.hooks")));
    CompletableFuture<Object> received = new CompletableFuture<>();
    harness.vertx().eventBus().consumer("acme.hooks", m -> received.complete(m.body()));

    try (BridgeClient bridge = BridgeClient.connect(port)) {
      bridge.send("acme.hooks", new JsonObject().put("hello", "axon"));
      assertThat(received.get(20, TimeUnit.SECONDS))
          .isEqualTo(new JsonObject().put("hello", "axon"));
      bridge.send(Addresses.SPAWNER_RECONCILE, "team-a/victim");
      assertDenied(bridge.read());
    }
  }

  @Test
  void leadershipIsPublicToo() throws Exception {
    int port = startWithBridge(new JsonObject());
    try (BridgeClient bridge = BridgeClient.connect(port)) {
      bridge.register(Addresses.LEADERSHIP);
      bridge.sync();
      harness
          .vertx()
          .eventBus()
          .publish(
              Addresses.LEADERSHIP, new JsonObject().put("leader", false).put("identity", "me"));
      JsonObject frame = bridge.read();
      assertThat(frame.getString("address")).isEqualTo("axon.leader");
      // Bridge connections show in the metrics, next to Axon's own.
      assertThat(
              harness
                  .metrics
                  .registry()
                  .scrape()
                  .lines()
                  .filter(l -> l.startsWith("vertx_net_server_active_connections")))
          .containsExactly("vertx_net_server_active_connections 1.0");
      assertThat(frame.getJsonObject("body"))
          .isEqualTo(new JsonObject().put("leader", false).put("identity", "me"));
    }
  }

  @Test
  void theBridgeIsOffByDefault() throws Exception {
    int port = BridgedController.freePort();
    harness = BridgedController.start(client, new JsonObject().put("port", port));
    try (ServerSocket stillFree = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(stillFree.getLocalPort()).isEqualTo(port);
    }
  }

  private int startWithBridge(JsonObject bridge) throws IOException {
    int port = BridgedController.freePort();
    harness =
        BridgedController.start(client, bridge.copy().mergeIn(BridgedController.onLoopback(port)));
    return port;
  }

  private static String phaseChange(JsonObject body) {
    return body.getString("previous") + "->" + body.getString("current");
  }

  private static void assertDenied(JsonObject frame) {
    assertThat(frame.getString("type")).isEqualTo("err");
    assertThat(frame.getString("message")).isEqualTo("access_denied");
  }
}

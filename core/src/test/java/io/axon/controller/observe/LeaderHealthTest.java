package io.axon.controller.observe;

import static io.axon.controller.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas electing a leader on a Lease in the CRUD mock API server: both are ready, one leads,
 * the other stands by, and the health and metrics endpoints say which is which.
 */
@EnableKubernetesMockClient(crud = true)
class LeaderHealthTest {
  KubernetesClient client;
  ControllerHarness first;
  ControllerHarness second;
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    for (ControllerHarness harness : new ControllerHarness[] {first, second}) {
      if (harness != null) {
        harness.close();
      }
    }
  }

  @Test
  void oneLeadsTheOtherStandsByBothAreReadyAndTheStandbyTakesOver() {
    first = replica();
    await(() -> get(first, "/readyz"), "ok: leader\n"::equals, "first replica leads");
    second = replica();

    assertThat(get(second, "/readyz")).isEqualTo("ok: standby\n");
    assertThat(status(second, "/readyz")).isEqualTo(200);
    assertThat(status(first, "/readyz")).isEqualTo(200);
    assertThat(get(first, "/healthz")).isEqualTo("ok\n");
    assertThat(get(second, "/healthz")).isEqualTo("ok\n");
    assertThat(leaderGauge(first)).isEqualTo(1.0);
    assertThat(leaderGauge(second)).isEqualTo(0.0);

    // The leader goes away (it releases the Lease); the standby takes over.
    first.close();
    first = null;
    await(() -> get(second, "/readyz"), "ok: leader\n"::equals, "second replica leads");
    assertThat(leaderGauge(second)).isEqualTo(1.0);
  }

  @Test
  void withoutLeaderElectionTheOnlyReplicaLeads() {
    first = new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()));
    assertThat(get(first, "/readyz")).isEqualTo("ok: leader\n");
    assertThat(leaderGauge(first)).isEqualTo(1.0);
    assertThat(status(first, "/nothing-here")).isEqualTo(404);
  }

  private ControllerHarness replica() {
    return new ControllerHarness(
        client,
        AgentRegistry.of(Fixtures.claudeLike()),
        new JsonObject()
            .put(
                "leaderElection",
                new JsonObject()
                    .put("enabled", true)
                    .put("leaseName", "axon-controller")
                    .put("leaseNamespace", "axon-system")
                    .put("leaseDurationSeconds", 4)
                    .put("renewDeadlineSeconds", 3)
                    .put("retryPeriodSeconds", 1))
            .put("namespaces", List.of(Fixtures.NAMESPACE)));
  }

  private double leaderGauge(ControllerHarness harness) {
    return MetricsEndpointTest.parse(get(harness, "/metrics")).get("axon_leader");
  }

  private String get(ControllerHarness harness, String path) {
    return send(harness, path).body();
  }

  private int status(ControllerHarness harness, String path) {
    return send(harness, path).statusCode();
  }

  private HttpResponse<String> send(ControllerHarness harness, String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + harness.controller().healthPort() + path))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

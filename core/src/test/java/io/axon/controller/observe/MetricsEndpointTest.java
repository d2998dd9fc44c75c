package io.axon.controller.observe;

import static io.axon.controller.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.controller.metrics.ControllerMetrics;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scrapes the real {@code /metrics} endpoint over HTTP after Tasks ran on the mock API server. */
@EnableKubernetesMockClient(crud = true)
class MetricsEndpointTest {
  KubernetesClient client;
  ControllerHarness harness;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    harness = new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aFinishedTaskShowsInPhaseCountsCostTokensAndDuration() throws Exception {
    TaskRun fine = TaskRun.start(client, Fixtures.task("fine"));
    fine.running();
    fine.succeeded(TaskRun.SUCCESS_SUMMARY);
    TaskRun capped = TaskRun.start(client, Fixtures.task("capped"));
    capped.running();
    capped.failed(TaskRun.MAX_TURNS_SUMMARY);
    TaskRun.start(client, Fixtures.task("waiting"));

    Map<String, Double> m =
        await(
            () -> axonOnly(scrape()),
            s ->
                s.getOrDefault("axon_tasks{phase=\"Succeeded\"}", 0.0) == 1
                    && s.getOrDefault("axon_tasks{phase=\"Failed\"}", 0.0) == 1
                    && s.getOrDefault("axon_tasks{phase=\"Pending\"}", 0.0) == 1,
            "phase counts");
    assertThat(m).containsEntry("axon_tasks{phase=\"Running\"}", 0.0);

    assertThat(m)
        .containsEntry(
            "axon_agent_cost_usd_total{model=\"claude-sonnet-4-20250514\",type=\"claude-code\"}",
            0.1234)
        .containsEntry("axon_agent_cost_usd_total{model=\"default\",type=\"claude-code\"}", 0.01)
        .containsEntry(
            "axon_agent_tokens_total{direction=\"input\",model=\"claude-sonnet-4-20250514\",type=\"claude-code\"}",
            1200.0)
        .containsEntry(
            "axon_agent_tokens_total{direction=\"output\",model=\"claude-sonnet-4-20250514\",type=\"claude-code\"}",
            340.0)
        .containsEntry(
            "axon_agent_tokens_total{direction=\"input\",model=\"default\",type=\"claude-code\"}",
            100.0);

    // Agent start 10:00:05 to Job completion 10:05:05.
    assertThat(m)
        .containsEntry(
            "axon_task_duration_seconds_count{outcome=\"Succeeded\",type=\"claude-code\"}", 1.0)
        .containsEntry(
            "axon_task_duration_seconds_sum{outcome=\"Succeeded\",type=\"claude-code\"}", 300.0)
        .containsEntry(
            "axon_task_duration_seconds_bucket{outcome=\"Succeeded\",type=\"claude-code\",le=\"300.0\"}",
            1.0)
        .containsEntry(
            "axon_task_duration_seconds_bucket{outcome=\"Succeeded\",type=\"claude-code\",le=\"120.0\"}",
            0.0)
        .containsEntry(
            "axon_task_duration_seconds_count{outcome=\"Failed\",type=\"claude-code\"}", 1.0);

    assertThat(m).containsEntry("axon_leader", 1.0);
    assertThat(m.get("axon_reconcile_total{result=\"success\"}")).isGreaterThanOrEqualTo(7.0);
    assertThat(m).containsKey("axon_reconcile_total{result=\"error\"}");
    assertThat(m.get("axon_reconcile_retries_total"))
        .isGreaterThanOrEqualTo(m.get("axon_reconcile_total{result=\"error\"}"));
  }

  @Test
  void spawnerAndGitHubMetricsExistBeforeTheFirstPollAndCountWhenTold() throws Exception {
    Map<String, Double> before = axonOnly(scrape());
    assertThat(before)
        .containsEntry("axon_spawner_polls_total{result=\"success\"}", 0.0)
        .containsEntry("axon_spawner_polls_total{result=\"error\"}", 0.0)
        .containsEntry("axon_spawner_errors_total{reason=\"rate_limited\"}", 0.0)
        .containsEntry("axon_spawner_errors_total{reason=\"unauthorized\"}", 0.0);
    assertThat(before.get("axon_github_rate_limit_remaining")).isNaN();

    ControllerMetrics metrics = harness.controller().metrics();
    metrics.spawnerPollSucceeded();
    metrics.spawnerPollSucceeded();
    metrics.spawnerPollFailed(io.axon.spi.source.WorkSourceException.Reason.RATE_LIMITED);
    metrics.gitHubRateLimitRemaining(4321);

    assertThat(axonOnly(scrape()))
        .containsEntry("axon_spawner_polls_total{result=\"success\"}", 2.0)
        .containsEntry("axon_spawner_polls_total{result=\"error\"}", 1.0)
        .containsEntry("axon_spawner_errors_total{reason=\"rate_limited\"}", 1.0)
        .containsEntry("axon_github_rate_limit_remaining", 4321.0);
  }

  @Test
  void vertxAndJvmMetricsAreServedAlongsideAndTheFormatIsPrometheusText() throws Exception {
    HttpResponse<String> response = get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .contains("# TYPE axon_tasks gauge")
        .contains("# TYPE axon_reconcile_total counter")
        .contains("# HELP axon_leader ");
    get("/metrics"); // the first scrape counted as an HTTP request
    Map<String, Double> m = scrape();
    assertThat(m.keySet()).anyMatch(k -> k.startsWith("vertx_http_server_requests_total"));
    assertThat(m.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes"));
  }

  private Map<String, Double> scrape() {
    try {
      HttpResponse<String> response = get("/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      return parse(response.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Axon's own samples, so a failed assertion prints a readable map. */
  private static Map<String, Double> axonOnly(Map<String, Double> samples) {
    Map<String, Double> axon = new HashMap<>(samples);
    axon.keySet().removeIf(name -> !name.startsWith("axon_"));
    return axon;
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + harness.controller().healthPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Prometheus text format: {@code name{labels} value}, comments skipped. */
  static Map<String, Double> parse(String text) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return samples;
  }
}

package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the gateway adds to one model request on loopback: the same small streamed request sent
 * straight to a local upstream and through the gateway, alternately, after a warm-up; prints the
 * percentiles of each and of the difference. Not part of the default test run (its name); run it
 * with {@code -Dtest=GatewayLatencyBenchmark}. The target is at most 5 ms at the median.
 */
class GatewayLatencyBenchmark {
  static final int WARMUP = 300;
  static final int ROUNDS = 1000;

  @Test
  void measure() throws Exception {
    Vertx vertx = Vertx.vertx();
    String body =
        "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    String answer =
        "event: message_start\ndata: {}\n\nevent: content_block_delta\ndata: {\"text\":\"hello\"}\n\n"
            + "event: message_stop\ndata: {}\n\n";
    try (RecordingUpstream model =
        new RecordingUpstream(
            vertx,
            (in, seen) ->
                in.response().putHeader("Content-Type", "text/event-stream").end(answer))) {
      String token = GatewayToken.mint("bench", "bench").value();
      TaskGrant grant =
          new TaskGrant(
              "bench",
              "bench",
              false,
              "sk-real",
              Optional.empty(),
              Optional.empty(),
              GitPushRule.forTask("bench"),
              EgressRule.parse(List.of()),
              Set.of());
      GatewayServer gateway =
          new GatewayServer(
              vertx,
              GatewaySettings.fromJson(
                  new JsonObject()
                      .put("host", "127.0.0.1")
                      .put("port", 0)
                      .put("modelBaseURL", model.baseUrl())),
              new StaticGrants().put(token, grant),
              GatewayAudit.NONE);
      String through = GatewayUrls.modelBase("http://127.0.0.1:" + gateway.start().await());
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest direct = request(model.baseUrl(), token, body);
      HttpRequest proxied = request(through, token, body);
      for (int i = 0; i < WARMUP; i++) {
        time(http, direct);
        time(http, proxied);
      }
      long[] d = new long[ROUNDS];
      long[] p = new long[ROUNDS];
      for (int i = 0; i < ROUNDS; i++) {
        d[i] = time(http, direct);
        p[i] = time(http, proxied);
      }
      long[] added = new long[ROUNDS];
      for (int i = 0; i < ROUNDS; i++) {
        added[i] = p[i] - d[i];
      }
      System.out.printf(
          "gateway latency on loopback, %d requests each (microseconds)%n"
              + "  direct:  p50 %d  p90 %d  p99 %d%n"
              + "  gateway: p50 %d  p90 %d  p99 %d%n"
              + "  added:   p50 %d  p90 %d  p99 %d%n",
          ROUNDS,
          pct(d, 50),
          pct(d, 90),
          pct(d, 99),
          pct(p, 50),
          pct(p, 90),
          pct(p, 99),
          pct(added, 50),
          pct(added, 90),
          pct(added, 99));
      assertThat(pct(added, 50)).isLessThan(5_000);
      gateway.close().await();
    } finally {
      vertx.close().await();
    }
  }

  private static HttpRequest request(String base, String token, String body) {
    return HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
        .header("x-api-key", token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static long time(HttpClient http, HttpRequest request) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    long micros = (System.nanoTime() - start) / 1000;
    if (response.statusCode() != 200 || !response.body().contains("message_stop")) {
      throw new AssertionError("unexpected answer " + response.statusCode());
    }
    return micros;
  }

  private static long pct(long[] values, int percentile) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)];
  }
}

package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model API through the gateway: the upstream gets the Task's real credential (as {@code
 * x-api-key} for an API key, {@code Authorization: Bearer} for OAuth) and never the per-Task token;
 * a streamed answer reaches the client event by event, not buffered to its end.
 */
class ModelThroughGatewayTest {
  static final String REAL_KEY = "sk-ant-real-key";
  static final String REAL_OAUTH = "sk-ant-oat-real";
  static final String KEY_TOKEN = GatewayToken.mint("team-a", "with-key").value();
  static final String OAUTH_TOKEN = GatewayToken.mint("team-a", "with-oauth").value();

  static Vertx vertx;
  static RecordingUpstream model;
  static GatewayServer gateway;
  static StaticGrants grants = new StaticGrants();
  static String base;
  static volatile CompletableFuture<Void> release = new CompletableFuture<>();
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    model =
        new RecordingUpstream(
            vertx,
            (in, seen) -> {
              var out =
                  in.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
              out.write("event: message_start\ndata: {\"n\":1}\n\n");
              CompletableFuture<Void> gate = release;
              gate.thenRun(
                  () ->
                      vertx.runOnContext(v -> out.end("event: message_stop\ndata: {\"n\":2}\n\n")));
            });
    grants.put(KEY_TOKEN, grant("with-key", false, REAL_KEY));
    grants.put(OAUTH_TOKEN, grant("with-oauth", true, REAL_OAUTH));
    gateway =
        new GatewayServer(
            vertx,
            GatewaySettings.fromJson(
                new JsonObject()
                    .put("host", "127.0.0.1")
                    .put("port", 0)
                    .put("modelBaseURL", model.baseUrl())),
            grants,
            GatewayAudit.NONE);
    base = GatewayUrls.modelBase("http://127.0.0.1:" + gateway.start().await());
  }

  static TaskGrant grant(String task, boolean oauth, String credential) {
    return new TaskGrant(
        "team-a",
        task,
        oauth,
        credential,
        Optional.empty(),
        Optional.empty(),
        GitPushRule.forTask(task),
        EgressRule.parse(List.of()),
        Set.of());
  }

  @AfterAll
  static void tearDown() {
    release.complete(null);
    gateway.close().await();
    model.close();
    vertx.close().await();
  }

  @Test
  void anApiKeyIsSwappedAndTheStreamArrivesUnbuffered() throws Exception {
    release = new CompletableFuture<>();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/v1/messages?beta=true"))
            .header("x-api-key", KEY_TOKEN)
            .header("anthropic-version", "2023-06-01")
            .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
            .build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    // The first event must arrive while the upstream still holds back the second.
    String first = CompletableFuture.supplyAsync(() -> readLine(reader)).get(10, TimeUnit.SECONDS);
    assertThat(first).isEqualTo("event: message_start");
    release.complete(null);
    StringBuilder rest = new StringBuilder();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      rest.append(line).append('\n');
    }
    assertThat(rest).contains("event: message_stop");

    RecordingUpstream.Seen seen = last();
    assertThat(seen.path()).isEqualTo("/v1/messages");
    assertThat(seen.headers().get("x-api-key")).isEqualTo(REAL_KEY);
    assertThat(seen.headers().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(seen.body().toString()).isEqualTo("{\"stream\":true}");
    assertThat(seen.headers().toString()).doesNotContain(KEY_TOKEN);
  }

  @Test
  void anOAuthTokenGoesAsBearer() throws Exception {
    release = new CompletableFuture<>();
    release.complete(null);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
                .header("Authorization", "Bearer " + OAUTH_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    RecordingUpstream.Seen seen = last();
    assertThat(seen.headers().get("Authorization")).isEqualTo("Bearer " + REAL_OAUTH);
    assertThat(seen.headers().contains("x-api-key")).isFalse();
    assertThat(seen.headers().toString()).doesNotContain(OAUTH_TOKEN);
  }

  @Test
  void anUnknownOrRevokedTokenNeverReachesTheModel() throws Exception {
    int before = model.seen().size();
    HttpResponse<String> stranger = post(REAL_KEY);
    assertThat(stranger.statusCode()).isEqualTo(401);
    assertThat(stranger.body()).contains("authentication_error").contains("not valid");

    String token = GatewayToken.mint("team-a", "ended").value();
    grants.put(token, grant("ended", false, REAL_KEY));
    grants.revoke(token);
    assertThat(post(token).statusCode()).isEqualTo(401);
    assertThat(model.seen()).hasSize(before);
  }

  @Test
  void onlyTheModelApisPathsGoThrough() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/admin"))
                .header("x-api-key", KEY_TOKEN)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("/v1/");
  }

  private HttpResponse<String> post(String key) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
            .header("x-api-key", key)
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static RecordingUpstream.Seen last() {
    List<RecordingUpstream.Seen> seen = model.seen();
    return seen.get(seen.size() - 1);
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

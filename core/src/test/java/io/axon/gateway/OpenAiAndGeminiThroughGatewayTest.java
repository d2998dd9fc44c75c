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
 * The OpenAI and Gemini model APIs through the gateway: each upstream gets the Task's real key
 * where its client put the per-Task token ({@code Authorization: Bearer}; {@code x-goog-api-key} or
 * the {@code key} query parameter), never the token; streams arrive unbuffered; a token works only
 * on its own agent's API.
 */
class OpenAiAndGeminiThroughGatewayTest {
  static final String OPENAI_KEY = "sk-proj-real-openai-key";
  static final String GEMINI_KEY = "AIza-real-gemini-key";
  static final String OPENAI_TOKEN = GatewayToken.mint("team-a", "codex-task").value();
  static final String GEMINI_TOKEN = GatewayToken.mint("team-a", "gemini-task").value();

  static Vertx vertx;
  static RecordingUpstream openai;
  static RecordingUpstream gemini;
  static GatewayServer gateway;
  static String base;
  static volatile CompletableFuture<Void> release = CompletableFuture.completedFuture(null);
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    openai = new RecordingUpstream(vertx, OpenAiAndGeminiThroughGatewayTest::stream);
    gemini = new RecordingUpstream(vertx, OpenAiAndGeminiThroughGatewayTest::stream);
    StaticGrants grants =
        new StaticGrants()
            .put(OPENAI_TOKEN, grant("codex-task", OPENAI_KEY, ModelProvider.OPENAI))
            .put(GEMINI_TOKEN, grant("gemini-task", GEMINI_KEY, ModelProvider.GEMINI));
    gateway =
        new GatewayServer(
            vertx,
            GatewaySettings.fromJson(
                new JsonObject()
                    .put("host", "127.0.0.1")
                    .put("port", 0)
                    .put("openaiBaseURL", openai.baseUrl() + "/v1")
                    .put("geminiBaseURL", gemini.baseUrl())),
            grants,
            GatewayAudit.NONE);
    base = "http://127.0.0.1:" + gateway.start().await();
  }

  /** One event now, the next only once the test releases it. */
  private static void stream(io.vertx.core.http.HttpServerRequest in, RecordingUpstream.Seen s) {
    var out = in.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
    out.write("data: {\"n\":1}\n\n");
    release.thenRun(() -> vertx.runOnContext(v -> out.end("data: {\"n\":2}\n\n")));
  }

  static TaskGrant grant(String task, String key, ModelProvider provider) {
    return new TaskGrant(
        "team-a",
        task,
        false,
        key,
        Optional.empty(),
        Optional.empty(),
        GitPushRule.forTask(task),
        EgressRule.parse(List.of()),
        Set.of(),
        provider);
  }

  @AfterAll
  static void tearDown() {
    release.complete(null);
    gateway.close().await();
    openai.close();
    gemini.close();
    vertx.close().await();
  }

  @Test
  void openAiGetsTheRealKeyAsBearerAndTheStreamArrivesUnbuffered() throws Exception {
    String url = GatewayUrls.modelBase(base, ModelProvider.OPENAI) + "/responses";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + OPENAI_TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
            .build();
    assertFirstEventBeforeTheSecond(request);

    RecordingUpstream.Seen seen = last(openai);
    assertThat(seen.path()).isEqualTo("/v1/responses");
    assertThat(seen.headers().getAll("Authorization")).containsExactly("Bearer " + OPENAI_KEY);
    assertThat(seen.body().toString()).isEqualTo("{\"stream\":true}");
    assertThat(seen.headers().toString()).doesNotContain(OPENAI_TOKEN);
  }

  @Test
  void geminiGetsTheRealKeyInItsHeaderAndTheStreamArrivesUnbuffered() throws Exception {
    String url =
        GatewayUrls.modelBase(base, ModelProvider.GEMINI)
            + "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("x-goog-api-key", GEMINI_TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString("{\"contents\":[]}"))
            .build();
    assertFirstEventBeforeTheSecond(request);

    RecordingUpstream.Seen seen = last(gemini);
    assertThat(seen.path()).isEqualTo("/v1beta/models/gemini-2.5-pro:streamGenerateContent");
    assertThat(seen.query()).isEqualTo("alt=sse");
    assertThat(seen.headers().getAll("x-goog-api-key")).containsExactly(GEMINI_KEY);
    assertThat(seen.headers().toString()).doesNotContain(GEMINI_TOKEN);
  }

  @Test
  void aGeminiTokenInTheKeyParameterIsTakenOutOfTheQuery() throws Exception {
    String url =
        GatewayUrls.modelBase(base, ModelProvider.GEMINI)
            + "/v1beta/models/gemini-2.5-pro:generateContent?key="
            + GEMINI_TOKEN
            + "&alt=json";
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    RecordingUpstream.Seen seen = last(gemini);
    assertThat(seen.query()).isEqualTo("alt=json");
    assertThat(seen.headers().getAll("x-goog-api-key")).containsExactly(GEMINI_KEY);
  }

  @Test
  void aTokenWorksOnlyOnItsOwnAgentsApiAndItsPaths() throws Exception {
    int openaiBefore = openai.seen().size();
    int geminiBefore = gemini.seen().size();
    HttpResponse<String> wrongApi =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/anthropic/v1/messages"))
                .header("Authorization", "Bearer " + OPENAI_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrongApi.statusCode()).isEqualTo(403);
    assertThat(wrongApi.body()).contains("token is for the openai model API");

    HttpResponse<String> geminiOnOpenAi =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/openai/responses"))
                .header("Authorization", "Bearer " + GEMINI_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(geminiOnOpenAi.statusCode()).isEqualTo(403);

    HttpResponse<String> notTheApi =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/gemini/upload/files"))
                .header("x-goog-api-key", GEMINI_TOKEN)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(notTheApi.statusCode()).isEqualTo(403);
    assertThat(notTheApi.body()).contains("/v1beta/");

    HttpResponse<String> noToken =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/openai/responses"))
                .header("Authorization", "Bearer " + OPENAI_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noToken.statusCode()).isEqualTo(401);

    assertThat(openai.seen()).hasSize(openaiBefore);
    assertThat(gemini.seen()).hasSize(geminiBefore);
  }

  private void assertFirstEventBeforeTheSecond(HttpRequest request) throws Exception {
    release = new CompletableFuture<>();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
      String first =
          CompletableFuture.supplyAsync(() -> readLine(reader)).get(10, TimeUnit.SECONDS);
      assertThat(first).isEqualTo("data: {\"n\":1}");
      release.complete(null);
      StringBuilder rest = new StringBuilder();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        rest.append(line).append('\n');
      }
      assertThat(rest).contains("data: {\"n\":2}");
    } finally {
      release.complete(null);
    }
  }

  private static RecordingUpstream.Seen last(RecordingUpstream upstream) {
    List<RecordingUpstream.Seen> seen = upstream.seen();
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

package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GitHub API through the gateway: allowed calls reach the upstream with the real token, a
 * refused one never does and is counted; a pull request the Task opened becomes one it may comment
 * on.
 */
class GitHubApiThroughGatewayTest {
  static final String REAL_TOKEN = "ghp_real";
  static final String TOKEN = GatewayToken.mint("team-a", "fix-42").value();

  static Vertx vertx;
  static RecordingUpstream github;
  static GatewayServer gateway;
  static RecordingAudit audit = new RecordingAudit();
  static String base;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    github =
        new RecordingUpstream(
            vertx,
            (in, seen) -> {
              boolean create = seen.method().equals("POST") && seen.path().endsWith("/pulls");
              in.response()
                  .setStatusCode(create ? 201 : 200)
                  .putHeader("Content-Type", "application/json")
                  .end(create ? "{\"number\":7}" : "{}");
            });
    TaskGrant grant =
        new TaskGrant(
            "team-a",
            "fix-42",
            false,
            "unused",
            Optional.of(REAL_TOKEN),
            Optional.of(URI.create("https://github.com/acme/app.git")),
            GitPushRule.forTask("fix-42"),
            EgressRule.parse(List.of()),
            Set.of(42L),
            ModelProvider.ANTHROPIC,
            new GitTokenScope("gh", List.of("127.0.0.1")));
    gateway =
        new GatewayServer(
            vertx,
            GatewaySettings.fromJson(
                new JsonObject()
                    .put("host", "127.0.0.1")
                    .put("port", 0)
                    .put("githubAPIBaseURL", github.baseUrl() + "/api/v3")),
            new StaticGrants().put(TOKEN, grant),
            audit);
    base = GatewayUrls.githubApi("http://127.0.0.1:" + gateway.start().await());
  }

  @AfterAll
  static void tearDown() {
    gateway.close().await();
    github.close();
    vertx.close().await();
  }

  @Test
  void readsOfTheRepositoryPassWithTheRealToken() throws Exception {
    HttpResponse<String> response = call("GET", "/repos/acme/app/pulls?state=open", null);
    assertThat(response.statusCode()).isEqualTo(200);
    RecordingUpstream.Seen seen = last();
    assertThat(seen.path()).isEqualTo("/api/v3/repos/acme/app/pulls");
    assertThat(seen.headers().get("Authorization")).isEqualTo("Bearer " + REAL_TOKEN);
    assertThat(seen.headers().toString()).doesNotContain(TOKEN);
  }

  @Test
  void refusedCallsNeverReachGitHubAndAreCounted() throws Exception {
    int before = github.seen().size();
    HttpResponse<String> other = call("GET", "/repos/acme/secrets", null);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).contains("only for acme/app");
    assertThat(call("POST", "/repos/acme/app/pulls", "{\"head\":\"main\"}").statusCode())
        .isEqualTo(403);
    assertThat(call("POST", "/repos/acme/app/issues/41/comments", "{\"body\":\"x\"}").statusCode())
        .isEqualTo(403);
    assertThat(call("DELETE", "/repos/acme/app", null).statusCode()).isEqualTo(403);
    assertThat(github.seen()).hasSize(before);
    assertThat(audit.refusals()).anyMatch(r -> r.contains("GITHUB GET github /repos/acme/secrets"));
  }

  @Test
  void aPullRequestFromItsBranchThenACommentOnIt() throws Exception {
    assertThat(call("POST", "/repos/acme/app/issues/7/comments", "{\"body\":\"x\"}").statusCode())
        .isEqualTo(403);
    HttpResponse<String> created =
        call("POST", "/repos/acme/app/pulls", "{\"head\":\"axon/fix-42\",\"base\":\"main\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).isEqualTo("{\"number\":7}");
    assertThat(last().body().toString()).contains("axon/fix-42");
    assertThat(call("POST", "/repos/acme/app/issues/7/comments", "{\"body\":\"x\"}").statusCode())
        .isEqualTo(200);
    assertThat(call("POST", "/repos/acme/app/issues/42/comments", "{\"body\":\"x\"}").statusCode())
        .isEqualTo(200);
  }

  @Test
  void withoutTheTokenNothingPasses() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/repos/acme/app"))
                .header("Authorization", "token " + REAL_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "token " + TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static RecordingUpstream.Seen last() {
    List<RecordingUpstream.Seen> seen = github.seen();
    return seen.get(seen.size() - 1);
  }
}

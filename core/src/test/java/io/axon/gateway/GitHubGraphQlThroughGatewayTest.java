package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GitHub's GraphQL API through the gateway: a read of the Workspace's repository and a
 * createPullRequest from the Task's branch reach GitHub's GraphQL endpoint with the real token (the
 * repository's node ID asked of GitHub by the gateway itself); other operations and unparsable
 * bodies never reach it, get GitHub's error shape and are counted.
 */
class GitHubGraphQlThroughGatewayTest {
  static final String REAL_TOKEN = "ghp_real_graphql";
  static final String TOKEN = GatewayToken.mint("team-a", "fix-42").value();
  static final String REPO_ID = "R_kgDOacmeapp";

  static Vertx vertx;
  static RecordingUpstream github;
  static GatewayServer gateway;
  static RecordingAudit audit = new RecordingAudit();
  static String base;
  static int port;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    github =
        new RecordingUpstream(
            vertx,
            (in, seen) -> {
              String answer =
                  seen.body().toString().contains("createPullRequest")
                      ? "{\"data\":{\"createPullRequest\":{\"pullRequest\":{\"url\":\"u\"}}}}"
                      : "{\"data\":{\"repository\":{\"id\":\"" + REPO_ID + "\"}}}";
              in.response().putHeader("Content-Type", "application/json").end(answer);
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
            Set.of(),
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
    port = gateway.start().await();
    base = GatewayUrls.githubApi("http://127.0.0.1:" + port);
  }

  @AfterAll
  static void tearDown() {
    gateway.close().await();
    github.close();
    vertx.close().await();
  }

  @Test
  void aReadAndAPullRequestFromTheTasksBranchPassWithTheRealToken() throws Exception {
    HttpResponse<String> read =
        graphQl(
            new JsonObject()
                .put("query", "query($o: String!) { repository(owner: $o, name: \"app\") { id } }")
                .put("variables", new JsonObject().put("o", "acme")));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains(REPO_ID);
    RecordingUpstream.Seen seen = last();
    assertThat(seen.path()).isEqualTo("/api/graphql");
    assertThat(seen.headers().get("Authorization")).isEqualTo("Bearer " + REAL_TOKEN);
    assertThat(seen.headers().toString()).doesNotContain(TOKEN);

    HttpResponse<String> created = graphQl(pullRequest("axon/fix-42"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(created.body()).contains("createPullRequest");
    assertThat(last().body().toString()).contains("createPullRequest").contains("axon/fix-42");
    // The gateway asked GitHub for the repository's ID itself, with the real token.
    assertThat(github.seen())
        .anyMatch(
            s ->
                s.body().toString().contains("repository(owner: $owner, name: $name) { id }")
                    && s.headers().get("Authorization").equals("Bearer " + REAL_TOKEN));
  }

  @Test
  void otherOperationsAndUnreadableBodiesNeverReachGitHubAndAreCounted() throws Exception {
    graphQl(pullRequest("axon/fix-42")); // the repository's ID is known from here on
    int before = github.seen().size();
    int refusedBefore = audit.refusals().size();

    HttpResponse<String> main = graphQl(pullRequest("main"));
    assertThat(main.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(main.body()).getString("message"))
        .contains("only from this Task's branches");
    HttpResponse<String> other =
        graphQl(
            new JsonObject()
                .put("query", "{ repository(owner: \"acme\", name: \"secrets\") { id } }"));
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).contains("only the repository acme/app");
    assertThat(
            graphQl(
                    new JsonObject()
                        .put(
                            "query",
                            "mutation { deleteRepository(input: {repositoryId: \"R\"})"
                                + " { clientMutationId } }"))
                .statusCode())
        .isEqualTo(403);
    HttpResponse<String> garbage = send("{\"query\": \"{ viewer { login }\"}");
    assertThat(garbage.statusCode()).isEqualTo(403);
    assertThat(garbage.body()).contains("cannot be read");

    assertThat(github.seen()).hasSize(before);
    assertThat(audit.refusals().subList(refusedBefore, audit.refusals().size()))
        .hasSize(4)
        .allMatch(r -> r.startsWith("GITHUB POST github /graphql: axon gateway:"));
  }

  @Test
  void ghsPlainHttpRequestsForItsDevelopmentHostThroughTheProxyAreGitHubApiRequests()
      throws Exception {
    // What gh 2.23 sends with GH_HOST=github.localhost and HTTP_PROXY=the gateway.
    String body =
        new JsonObject()
            .put(
                "query",
                "query RepositoryInfo { repository(owner: \"acme\", name: \"app\") { id } }")
            .encode();
    assertThat(proxied("http://api.github.localhost/graphql", body))
        .startsWith("HTTP/1.1 200")
        .contains(REPO_ID);
    RecordingUpstream.Seen seen = last();
    assertThat(seen.path()).isEqualTo("/api/graphql");
    assertThat(seen.headers().get("Authorization")).isEqualTo("Bearer " + REAL_TOKEN);
    assertThat(seen.headers().toString()).doesNotContain(TOKEN);

    // A host that only starts with that name is not GitHub: the egress allowlist refuses it.
    int before = github.seen().size();
    assertThat(proxied("http://api.github.localhost.example/graphql", body))
        .startsWith("HTTP/1.1 403");
    assertThat(github.seen()).hasSize(before);
  }

  /** A POST in absolute form with the token as proxy password, as Go's HTTP client sends it. */
  private static String proxied(String url, String body) throws Exception {
    String proxyAuth =
        Base64.getEncoder().encodeToString(("axon:" + TOKEN).getBytes(StandardCharsets.UTF_8));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + url
            + " HTTP/1.1\r\nHost: "
            + URI.create(url).getHost()
            + "\r\nUser-Agent: GitHub CLI 2.23.0\r\nAuthorization: token "
            + TOKEN
            + "\r\nProxy-Authorization: Basic "
            + proxyAuth
            + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
            + bytes.length
            + "\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JsonObject pullRequest(String head) {
    return new JsonObject()
        .put(
            "query",
            "mutation PullRequestCreate($input: CreatePullRequestInput!) {"
                + " createPullRequest(input: $input) { pullRequest { id url } } }")
        .put(
            "variables",
            new JsonObject()
                .put(
                    "input",
                    new JsonObject()
                        .put("repositoryId", REPO_ID)
                        .put("baseRefName", "main")
                        .put("headRefName", head)
                        .put("title", "Fix")));
  }

  private HttpResponse<String> graphQl(JsonObject body) throws Exception {
    return send(body.encode());
  }

  private HttpResponse<String> send(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/graphql"))
            .header("Authorization", "bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static RecordingUpstream.Seen last() {
    List<RecordingUpstream.Seen> seen = github.seen();
    return seen.get(seen.size() - 1);
  }
}

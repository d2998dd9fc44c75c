package io.axon.controller.report;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GitHub REST calls reporting makes, on 127.0.0.1, answering with GitHub's shapes (issue
 * comments, pull requests, Check Runs, App installation tokens) and recording every call (method,
 * path, body, Authorization). Installation tokens are given only for a JWT whose RS256 signature
 * the App's public key verifies and whose claims GitHub would accept. Any other request goes to the
 * delegate (the issues listing of {@code ScriptedGitHub}), so one API root serves a spawner's polls
 * and its reports.
 */
public final class ScriptedGitHubWrites implements AutoCloseable {
  /** One call as the server saw it, and the status it answered. */
  public record Call(
      String method, String path, JsonObject body, String authorization, int status) {
    @Override
    public String toString() {
      return method + " " + path + " -> " + status;
    }
  }

  private static final Pattern ISSUE_COMMENTS =
      Pattern.compile("/repos/([^/]+)/([^/]+)/issues/([0-9]+)/comments");
  private static final Pattern COMMENT =
      Pattern.compile("/repos/([^/]+)/([^/]+)/issues/comments/([0-9]+)");
  private static final Pattern ISSUE = Pattern.compile("/repos/([^/]+)/([^/]+)/issues/([0-9]+)");
  private static final Pattern PULL = Pattern.compile("/repos/([^/]+)/([^/]+)/pulls/([0-9]+)");
  private static final Pattern CHECK_RUNS = Pattern.compile("/repos/([^/]+)/([^/]+)/check-runs");
  private static final Pattern CHECK_RUN =
      Pattern.compile("/repos/([^/]+)/([^/]+)/check-runs/([0-9]+)");
  private static final Pattern COMMIT_RUNS =
      Pattern.compile("/repos/([^/]+)/([^/]+)/commits/([0-9a-f]{40})/check-runs");
  private static final Pattern ACCESS_TOKENS =
      Pattern.compile("/app/installations/([0-9]+)/access_tokens");

  private final HttpServer server;
  private final HttpClient proxy;
  private final List<Call> calls = new ArrayList<>();
  private final Map<Long, JsonObject> comments = new LinkedHashMap<>();
  private final Map<Long, JsonObject> checkRuns = new LinkedHashMap<>();
  private final Map<Long, String> heads = new LinkedHashMap<>();
  private final Map<Long, String> pullAuthors = new LinkedHashMap<>();
  private final Map<Long, List<String>> pullLabels = new LinkedHashMap<>();
  private final Map<Long, JsonObject> issues = new LinkedHashMap<>();
  private long nextId = 1_017_000_001L;
  private String token;
  private String delegate;
  private PublicKey appKey;
  private String appId;
  private String installationId;
  private String installationToken;
  private int failNext;
  private Hold hold;

  /** A request held unanswered until {@link #release}: a slow GitHub, at a moment a test picks. */
  public static final class Hold {
    private final String method;
    private final String pathPrefix;
    private final java.util.concurrent.CompletableFuture<Void> arrived =
        new java.util.concurrent.CompletableFuture<>();
    private final java.util.concurrent.CompletableFuture<Void> released =
        new java.util.concurrent.CompletableFuture<>();

    private Hold(String method, String pathPrefix) {
      this.method = method;
      this.pathPrefix = pathPrefix;
    }

    /** Whether the held request has come. */
    public boolean arrived() {
      return arrived.isDone();
    }

    /** Answers the held request (and lets any later one through). */
    public void release() {
      released.complete(null);
    }
  }

  private ScriptedGitHubWrites(Vertx vertx) {
    this.server = vertx.createHttpServer().requestHandler(this::handle);
    this.proxy = vertx.createHttpClient();
  }

  public static ScriptedGitHubWrites start(Vertx vertx) throws Exception {
    ScriptedGitHubWrites github = new ScriptedGitHubWrites(vertx);
    github.server.listen(0, "127.0.0.1").await(Duration.ofSeconds(10));
    return github;
  }

  public String baseURL() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Requests this server does not serve go there (a base URL), instead of a 404. */
  public synchronized ScriptedGitHubWrites delegateTo(String baseURL) {
    this.delegate = baseURL;
    return this;
  }

  /** Comment calls need {@code Bearer token}. */
  public synchronized ScriptedGitHubWrites requireToken(String token) {
    this.token = token;
    return this;
  }

  /** A GitHub App: its installation's token is given for a JWT this key verifies. */
  public synchronized ScriptedGitHubWrites app(
      String appId, String installationId, PublicKey key, String installationToken) {
    this.appId = appId;
    this.installationId = installationId;
    this.appKey = key;
    this.installationToken = installationToken;
    return this;
  }

  /** Pull request {@code number}'s head commit. */
  public synchronized ScriptedGitHubWrites pullRequest(long number, String headSha) {
    heads.put(number, headSha);
    return this;
  }

  /** Pull request {@code number}'s head commit, opened by this author. */
  public synchronized ScriptedGitHubWrites pullRequestBy(
      long number, String headSha, String login) {
    heads.put(number, headSha);
    pullAuthors.put(number, login);
    return this;
  }

  /** Pull request {@code number}'s labels (default {@code bug}). */
  public synchronized ScriptedGitHubWrites pullRequestLabels(long number, String... labels) {
    pullLabels.put(number, List.of(labels));
    return this;
  }

  /** An issue, as {@code GET /repos/OWNER/REPO/issues/N} answers it. */
  public synchronized ScriptedGitHubWrites issue(
      long number, String title, String body, String... labels) {
    JsonArray names = new JsonArray();
    for (String label : labels) {
      names.add(new JsonObject().put("name", label).put("color", "f29513"));
    }
    issues.put(
        number,
        new JsonObject()
            .put("number", number)
            .put("title", title)
            .put("body", body)
            .put("state", "open")
            .put("labels", names)
            .put("html_url", "https://github.com/acme/widgets/issues/" + number)
            .put("user", new JsonObject().put("login", "octocat")));
    return this;
  }

  /** A check run another app (CI) made, as GitHub keeps it. */
  public synchronized long addCheckRun(
      String name, String headSha, String conclusion, String title, String summary) {
    long id = nextId++;
    checkRuns.put(
        id,
        new JsonObject()
            .put("id", id)
            .put("name", name)
            .put("head_sha", headSha)
            .put("status", "completed")
            .put("conclusion", conclusion)
            .put("app", new JsonObject().put("slug", "github-actions"))
            .put("output", new JsonObject().put("title", title).put("summary", summary)));
    return id;
  }

  /** The next request with this method and path prefix waits, unanswered, until released. */
  public synchronized Hold holdNext(String method, String pathPrefix) {
    hold = new Hold(method, pathPrefix);
    return hold;
  }

  /** The next {@code count} reporting calls are answered 502, as GitHub sometimes does. */
  public synchronized void failNext(int count) {
    failNext = count;
  }

  /** A comment someone else wrote. */
  public synchronized JsonObject addComment(long issue, String login, String body) {
    return newComment(issue, login, body);
  }

  public synchronized void deleteComment(long id) {
    comments.remove(id);
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<Call> calls(String method, String pathPrefix) {
    return calls.stream()
        .filter(c -> c.method().equals(method) && c.path().startsWith(pathPrefix))
        .toList();
  }

  public synchronized List<JsonObject> comments(long issue) {
    return comments.values().stream()
        .filter(c -> c.getString("issue_url").endsWith("/issues/" + issue))
        .map(JsonObject::copy)
        .toList();
  }

  public synchronized List<JsonObject> checkRuns() {
    return checkRuns.values().stream().map(JsonObject::copy).toList();
  }

  @Override
  public void close() throws Exception {
    server.close().await(Duration.ofSeconds(10));
    proxy.close().await(Duration.ofSeconds(10));
  }

  private void handle(HttpServerRequest request) {
    request
        .body()
        .onSuccess(
            body -> {
              if (!serves(request.path())) {
                forward(request, body);
                return;
              }
              Hold held;
              synchronized (this) {
                held = hold;
                if (held != null
                    && held.method.equals(request.method().name())
                    && request.path().startsWith(held.pathPrefix)) {
                  hold = null;
                } else {
                  held = null;
                }
              }
              if (held != null) {
                io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
                held.arrived.complete(null);
                held.released.thenRun(() -> context.runOnContext(v -> respond(request, body)));
                return;
              }
              respond(request, body);
            });
  }

  private void respond(HttpServerRequest request, Buffer body) {
    synchronized (this) {
      JsonObject json = body.length() == 0 ? null : body.toJsonObject();
      String authorization = request.getHeader("Authorization");
      Answer answer =
          answer(request.method().name(), request.path(), request.query(), json, authorization);
      calls.add(
          new Call(request.method().name(), request.path(), json, authorization, answer.status()));
      request
          .response()
          .setStatusCode(answer.status())
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .putHeader("X-GitHub-Media-Type", "github.v3; format=json")
          .end(answer.body().toString());
    }
  }

  private static boolean serves(String path) {
    return List.of(
            ISSUE_COMMENTS, COMMENT, ISSUE, PULL, CHECK_RUNS, CHECK_RUN, COMMIT_RUNS, ACCESS_TOKENS)
        .stream()
        .anyMatch(p -> p.matcher(path).matches());
  }

  private record Answer(int status, Object body) {}

  private Answer answer(
      String method, String path, String query, JsonObject body, String authorization) {
    if (failNext > 0) {
      failNext--;
      return error(502, "Server Error");
    }
    Matcher m;
    if ((m = ACCESS_TOKENS.matcher(path)).matches() && method.equals("POST")) {
      return accessToken(m.group(1), authorization);
    }
    boolean checks =
        path.contains("/check-runs") || (PULL.matcher(path).matches() && appKey != null);
    String wanted = checks ? installationToken : token;
    if (wanted != null && !("Bearer " + wanted).equals(authorization)) {
      return error(401, "Bad credentials");
    }
    if ((m = ISSUE_COMMENTS.matcher(path)).matches()) {
      long issue = Long.parseLong(m.group(3));
      if (method.equals("POST")) {
        return new Answer(201, newComment(issue, "axon-bot", body.getString("body")));
      }
      int page = 1;
      if (query != null && query.matches(".*page=([0-9]+).*")) {
        page = Integer.parseInt(query.replaceAll(".*[^_]page=([0-9]+).*", "$1"));
      }
      List<JsonObject> all = comments(issue);
      List<JsonObject> slice =
          all.subList(Math.min(all.size(), (page - 1) * 100), Math.min(all.size(), page * 100));
      return new Answer(200, new JsonArray(new ArrayList<>(slice)));
    }
    if ((m = COMMENT.matcher(path)).matches() && method.equals("PATCH")) {
      JsonObject comment = comments.get(Long.parseLong(m.group(3)));
      if (comment == null) {
        return error(404, "Not Found");
      }
      comment.put("body", body.getString("body")).put("updated_at", now());
      return new Answer(200, comment.copy());
    }
    if ((m = ISSUE.matcher(path)).matches() && method.equals("GET")) {
      JsonObject issue = issues.get(Long.parseLong(m.group(3)));
      return issue == null ? error(404, "Not Found") : new Answer(200, issue.copy());
    }
    if ((m = PULL.matcher(path)).matches()) {
      long number = Long.parseLong(m.group(3));
      String sha = heads.get(number);
      if (sha == null) {
        return error(404, "Not Found");
      }
      return new Answer(
          200,
          new JsonObject()
              .put("number", number)
              .put("state", "open")
              .put("title", "Make it faster")
              .put("body", "Caches the results.")
              .put("html_url", "https://github.com/acme/widgets/pull/" + number)
              .put("labels", labelsOf(pullLabels.getOrDefault(number, List.of("bug"))))
              .put(
                  "user",
                  new JsonObject().put("login", pullAuthors.getOrDefault(number, "octocat")))
              .put(
                  "head",
                  new JsonObject()
                      .put("ref", "feature")
                      .put("sha", sha)
                      .put(
                          "repo", new JsonObject().put("full_name", m.group(1) + "/" + m.group(2))))
              .put(
                  "base",
                  new JsonObject()
                      .put("ref", "main")
                      .put(
                          "repo",
                          new JsonObject().put("full_name", m.group(1) + "/" + m.group(2)))));
    }
    if ((m = CHECK_RUNS.matcher(path)).matches() && method.equals("POST")) {
      long id = nextId++;
      JsonObject run = body.copy().put("id", id).put("node_id", "CR_kwDO" + id);
      run.put("html_url", "https://github.com/" + m.group(1) + "/" + m.group(2) + "/runs/" + id);
      checkRuns.put(id, run);
      return new Answer(201, run.copy());
    }
    if ((m = CHECK_RUN.matcher(path)).matches() && method.equals("GET")) {
      JsonObject run = checkRuns.get(Long.parseLong(m.group(3)));
      return run == null ? error(404, "Not Found") : new Answer(200, run.copy());
    }
    if ((m = CHECK_RUN.matcher(path)).matches() && method.equals("PATCH")) {
      JsonObject run = checkRuns.get(Long.parseLong(m.group(3)));
      if (run == null) {
        return error(404, "Not Found");
      }
      body.forEach(e -> run.put(e.getKey(), e.getValue()));
      return new Answer(200, run.copy());
    }
    if ((m = COMMIT_RUNS.matcher(path)).matches()) {
      String sha = m.group(3);
      JsonArray runs = new JsonArray();
      checkRuns.values().stream()
          .filter(r -> sha.equals(r.getString("head_sha")))
          .forEach(r -> runs.add(r.copy()));
      return new Answer(
          200, new JsonObject().put("total_count", runs.size()).put("check_runs", runs));
    }
    return error(404, "Not Found");
  }

  private Answer accessToken(String installation, String authorization) {
    if (appKey == null || !installation.equals(installationId)) {
      return error(404, "Not Found");
    }
    String jwt = authorization == null ? "" : authorization.replaceFirst("^Bearer ", "");
    String[] parts = jwt.split("\\.");
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(appKey);
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return error(401, "A JSON web token could not be decoded");
      }
      JsonObject header =
          new JsonObject(
              new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
      JsonObject claims =
          new JsonObject(
              new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      long now = Instant.now().getEpochSecond();
      if (!"RS256".equals(header.getString("alg"))
          || !appId.equals(String.valueOf(claims.getValue("iss")))
          || claims.getLong("iat") > now + 60
          || claims.getLong("exp") <= now
          || claims.getLong("exp") - claims.getLong("iat") > 600) {
        return error(401, "'Expiration time' claim ('exp') is too far in the future");
      }
    } catch (Exception e) {
      return error(401, "A JSON web token could not be decoded");
    }
    return new Answer(
        201,
        new JsonObject()
            .put("token", installationToken)
            .put("expires_at", Instant.now().plusSeconds(3600).toString())
            .put("permissions", new JsonObject().put("checks", "write").put("metadata", "read"))
            .put("repository_selection", "selected"));
  }

  private JsonObject newComment(long issue, String login, String body) {
    long id = nextId++;
    String now = now();
    JsonObject comment =
        new JsonObject()
            .put("id", id)
            .put("node_id", "IC_kwDOA" + id)
            .put("url", "https://api.github.com/repos/acme/widgets/issues/comments/" + id)
            .put(
                "html_url",
                "https://github.com/acme/widgets/issues/" + issue + "#issuecomment-" + id)
            .put("body", body)
            .put("user", new JsonObject().put("login", login).put("type", "Bot"))
            .put("created_at", now)
            .put("updated_at", now)
            .put("issue_url", "https://api.github.com/repos/acme/widgets/issues/" + issue)
            .put("author_association", "NONE");
    comments.put(id, comment);
    return comment.copy();
  }

  private static String now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  private static JsonArray labelsOf(List<String> names) {
    JsonArray labels = new JsonArray();
    names.forEach(n -> labels.add(new JsonObject().put("name", n).put("color", "f29513")));
    return labels;
  }

  private static Answer error(int status, String message) {
    return new Answer(
        status,
        new JsonObject()
            .put("message", message)
            .put("documentation_url", "https://docs.github.com/rest")
            .put("status", String.valueOf(status)));
  }

  private void forward(HttpServerRequest request, Buffer body) {
    String target;
    synchronized (this) {
      target = delegate;
    }
    if (target == null) {
      request.response().setStatusCode(404).end(error(404, "Not Found").body().toString());
      return;
    }
    java.net.URI base = java.net.URI.create(target);
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.valueOf(request.method().name()))
            .setHost(base.getHost())
            .setPort(base.getPort())
            .setURI(request.uri());
    request
        .headers()
        .forEach(
            h -> {
              if (!h.getKey().equalsIgnoreCase("host")) {
                options.addHeader(h.getKey(), h.getValue());
              }
            });
    proxy
        .request(options)
        .compose(out -> out.send(body))
        .onSuccess(
            in ->
                in.body()
                    .onSuccess(
                        answer -> {
                          var response = request.response().setStatusCode(in.statusCode());
                          in.headers()
                              .forEach(
                                  h -> {
                                    if (!h.getKey().equalsIgnoreCase("content-length")
                                        && !h.getKey().equalsIgnoreCase("transfer-encoding")) {
                                      response.putHeader(h.getKey(), h.getValue());
                                    }
                                  });
                          response.end(answer);
                        }))
        .onFailure(e -> request.response().setStatusCode(502).end());
  }
}

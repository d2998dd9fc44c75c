package io.axon.source.github;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * A GitHub REST API for one repository's issues, on 127.0.0.1, answering with GitHub's shapes:
 * issue objects as GitHub returns them (pull requests included, with their {@code pull_request}
 * key), {@code sort}/{@code direction}/{@code per_page}/{@code page}, {@code Link} pagination to
 * {@code /repositories/{id}/issues}, weak ETags over the body with 304 on {@code If-None-Match},
 * the primary rate-limit headers (304s are free), and scripted refusals. It records every request.
 *
 * <p>Shipped in this module's test jar: core's TaskSpawner tests poll it too.
 */
public final class ScriptedGitHub implements AutoCloseable {

  /** One request as the server saw it, and the status it answered. */
  public record Recorded(String path, MultiMap params, MultiMap headers, int status) {
    public String header(String name) {
      return headers.get(name);
    }
  }

  private record Scripted(int status, Map<String, String> headers, JsonObject body) {}

  public static final long REPOSITORY_ID = 1_296_269;
  private static final Instant EPOCH = Instant.parse("2026-01-05T09:00:00Z");

  private final String owner;
  private final String name;
  private final HttpServer server;
  private final List<JsonObject> issues = new ArrayList<>();
  private final List<JsonObject> pulls = new ArrayList<>();
  private final Map<Long, JsonArray> reviews = new HashMap<>();
  private final List<Recorded> requests = new ArrayList<>();
  private final Queue<Scripted> scripted = new ArrayDeque<>();
  private final Map<Integer, Integer> failingPages = new HashMap<>();
  private long clock;
  private String requiredToken;
  private String linkBase;
  private final Map<String, String> roles = new HashMap<>(Map.of("octocat", "admin"));
  private final List<String> permissionLookups = new ArrayList<>();
  private int rateLimit = 5000;
  private int rateRemaining = 5000;
  private Instant rateReset = Instant.now().plusSeconds(3600);

  private ScriptedGitHub(Vertx vertx, String owner, String name) {
    this.owner = owner;
    this.name = name;
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  public static ScriptedGitHub start(Vertx vertx, String owner, String name) throws Exception {
    ScriptedGitHub github = new ScriptedGitHub(vertx, owner, name);
    github.server.listen(0, "127.0.0.1").await(Duration.ofSeconds(10));
    return github;
  }

  public String baseURL() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  @Override
  public void close() throws Exception {
    server.close().await(Duration.ofSeconds(10));
  }

  // ---- the repository's contents

  public synchronized JsonObject addIssue(String title, String body, String... labels) {
    return add(title, body, false, labels);
  }

  public synchronized JsonObject addPullRequest(String title, String... labels) {
    return add(title, "Fixes things", true, labels);
  }

  /**
   * A pull request from {@code headRef} into {@code baseRef} of this repository, in the pulls
   * listing's shape (and, as on GitHub, in the issues listing too, with its {@code pull_request}
   * key). Opened by octocat unless changed.
   */
  public synchronized JsonObject addPull(
      String title, String body, String headRef, String baseRef, String... labels) {
    return addPull(owner + "/" + name, title, body, headRef, baseRef, labels);
  }

  /** A pull request whose head branch lives in another repository (a fork). */
  public synchronized JsonObject addForkPull(
      String forkSlug, String title, String body, String headRef, String... labels) {
    return addPull(forkSlug, title, body, headRef, "main", labels);
  }

  private JsonObject addPull(
      String headSlug,
      String title,
      String body,
      String headRef,
      String baseRef,
      String... labels) {
    JsonObject issue = add(title, body, true, labels);
    long number = issue.getLong("number");
    String api = "https://api.github.com/repos/%s/%s".formatted(owner, name);
    JsonObject pull =
        new JsonObject()
            .put("url", api + "/pulls/" + number)
            .put("id", 2_000_000L + number)
            .put("node_id", "PR_kwDOABCDEF" + number)
            .put("html_url", "https://github.com/%s/%s/pull/%d".formatted(owner, name, number))
            .put("diff_url", "https://github.com/%s/%s/pull/%d.diff".formatted(owner, name, number))
            .put("issue_url", api + "/issues/" + number)
            .put("number", number)
            .put("state", "open")
            .put("locked", false)
            .put("title", title)
            .put("user", issue.getJsonObject("user").copy())
            .put("body", body)
            .put("labels", issue.getJsonArray("labels").copy())
            .put("milestone", null)
            .put("active_lock_reason", null)
            .put("created_at", issue.getString("created_at"))
            .put("updated_at", issue.getString("updated_at"))
            .put("closed_at", null)
            .put("merged_at", null)
            .put("merge_commit_sha", null)
            .put("assignee", null)
            .put("assignees", new JsonArray())
            .put("requested_reviewers", new JsonArray())
            .put("requested_teams", new JsonArray())
            .put("draft", false)
            .put("head", branch(headSlug, headRef, "6dcb09b5b57875f334f61aebed695e2e4193db5e"))
            .put(
                "base",
                branch(owner + "/" + name, baseRef, "c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc"))
            .put("author_association", "OWNER")
            .put("auto_merge", null);
    pulls.add(pull);
    return pull;
  }

  private static JsonObject branch(String slug, String ref, String sha) {
    String repoOwner = slug.substring(0, slug.indexOf('/'));
    return new JsonObject()
        .put("label", repoOwner + ":" + ref)
        .put("ref", ref)
        .put("sha", sha)
        .put("user", new JsonObject().put("login", repoOwner).put("type", "User"))
        .put(
            "repo",
            new JsonObject()
                .put("id", Math.abs(slug.hashCode()))
                .put("name", slug.substring(slug.indexOf('/') + 1))
                .put("full_name", slug)
                .put("private", false)
                .put("html_url", "https://github.com/" + slug)
                .put("fork", !slug.startsWith("acme/"))
                .put("default_branch", "main"));
  }

  /** Changes a pull request (its pulls-listing object), which bumps its {@code updated_at}. */
  public synchronized void editPull(long number, Consumer<JsonObject> change) {
    JsonObject pull =
        pulls.stream()
            .filter(p -> p.getLong("number") == number)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no pull request #" + number));
    change.accept(pull);
    pull.put("updated_at", tick());
  }

  /**
   * A review of a pull request ({@code APPROVED}, {@code CHANGES_REQUESTED}, {@code COMMENTED},
   * {@code DISMISSED}), as GitHub records it; like GitHub, it bumps the pull request's update time.
   */
  public synchronized void review(long number, String reviewer, String state) {
    JsonArray list = reviews.computeIfAbsent(number, n -> new JsonArray());
    list.add(
        new JsonObject()
            .put("id", 80L + list.size())
            .put("node_id", "PRR_kwDOABCDEF" + list.size())
            .put("user", new JsonObject().put("login", reviewer).put("type", "User"))
            .put("body", "")
            .put("state", state)
            .put(
                "html_url",
                "https://github.com/%s/%s/pull/%d#pullrequestreview-%d"
                    .formatted(owner, name, number, 80 + list.size()))
            .put("submitted_at", EPOCH.plusSeconds(clock).toString())
            .put("commit_id", "6dcb09b5b57875f334f61aebed695e2e4193db5e")
            .put("author_association", "COLLABORATOR"));
    editPull(number, p -> {});
  }

  /** Changes an issue the way people do on github.com, which bumps its {@code updated_at}. */
  public synchronized void edit(long number, Consumer<JsonObject> change) {
    JsonObject issue =
        issues.stream()
            .filter(i -> i.getLong("number") == number)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no issue #" + number));
    change.accept(issue);
    issue.put("updated_at", tick());
  }

  public static JsonArray labelObjects(String... names) {
    JsonArray labels = new JsonArray();
    for (String label : names) {
      labels.add(
          new JsonObject()
              .put("id", 208045946L + Math.abs(label.hashCode() % 1000))
              .put("node_id", "MDU6TGFiZWwyMDgwNDU5NDY=")
              .put("url", "https://api.github.com/repos/o/r/labels/" + label)
              .put("name", label)
              .put("description", null)
              .put("color", "f29513")
              .put("default", false));
    }
    return labels;
  }

  // ---- behaviour

  /** Answers 401 to requests whose bearer token is not this one, and 404 to anonymous ones. */
  public synchronized void requireToken(String token) {
    this.requiredToken = token;
  }

  public synchronized void rateLimit(int limit, int remaining, Instant reset) {
    this.rateLimit = limit;
    this.rateRemaining = remaining;
    this.rateReset = reset;
  }

  /** The next request is answered with this, whatever it asks. */
  public synchronized void scriptNext(int status, Map<String, String> headers, JsonObject body) {
    scripted.add(new Scripted(status, headers, body));
  }

  /**
   * The author's role on the repository, as the collaborator-permission API answers it; octocat,
   * who writes every issue unless told otherwise, is an admin. Others are no collaborators (404).
   */
  public synchronized void role(String login, String role) {
    roles.put(login, role);
  }

  /** The logins whose permission was asked for, in order (not counted in {@link #requests}). */
  public synchronized List<String> permissionLookups() {
    return List.copyOf(permissionLookups);
  }

  /** An issue by this author. */
  public synchronized JsonObject addIssueBy(
      String author, String title, String body, String... labels) {
    JsonObject issue = add(title, body, false, labels);
    issue.getJsonObject("user").put("login", author);
    return issue;
  }

  /** Pagination links name this origin instead of this server's own, as a hostile API might. */
  public synchronized void linkPagesTo(String origin) {
    this.linkBase = origin;
  }

  /** The next request for this page of the listing is answered with this status. */
  public synchronized void failPage(int page, int status) {
    failingPages.put(page, status);
  }

  /** GitHub's secondary-limit answer. */
  public void scriptSecondaryLimit(int status, long retryAfterSeconds) {
    scriptNext(
        status,
        Map.of("retry-after", String.valueOf(retryAfterSeconds)),
        error(
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try"
                + " again. If you reach out to GitHub Support for help, please include the"
                + " request ID 0000:0000:0000000:0000000:00000000.",
            "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
            status));
  }

  public synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  public synchronized int requestCount() {
    return requests.size();
  }

  public synchronized void clearRequests() {
    requests.clear();
  }

  // ---- serving

  private synchronized void handle(HttpServerRequest request) {
    String path = request.path();
    String permissionPrefix = "/repos/%s/%s/collaborators/".formatted(owner, name);
    if (path.startsWith(permissionPrefix) && path.endsWith("/permission")) {
      permission(request, path.substring(permissionPrefix.length(), path.length() - 11));
      return;
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(request.params());
    int status = serve(request, path, params);
    requests.add(new Recorded(path, params, headers, status));
  }

  private int serve(HttpServerRequest request, String path, MultiMap params) {
    var response = request.response();
    response
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("X-GitHub-Media-Type", "github.v3; format=json")
        .putHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP,Accept-Encoding, Accept");
    putRateHeaders(response::putHeader);
    Scripted next = scripted.poll();
    if (next != null) {
      next.headers().forEach(response::putHeader);
      response.setStatusCode(next.status()).end(next.body().encode());
      return next.status();
    }
    String pullsPath = "/repos/%s/%s/pulls".formatted(owner, name);
    boolean pullsList =
        path.equals(pullsPath) || path.equals("/repositories/%d/pulls".formatted(REPOSITORY_ID));
    boolean reviewsPath = path.startsWith(pullsPath + "/") && path.endsWith("/reviews");
    boolean repoPath =
        path.equals("/repos/%s/%s/issues".formatted(owner, name)) || pullsList || reviewsPath;
    boolean idPath = path.equals("/repositories/%d/issues".formatted(REPOSITORY_ID));
    String authorization = request.getHeader("Authorization");
    if (requiredToken != null
        && authorization != null
        && !authorization.equals("Bearer " + requiredToken)) {
      return end(response, 401, error("Bad credentials", "https://docs.github.com/rest", 401));
    }
    if (!(repoPath || idPath) || (requiredToken != null && authorization == null)) {
      return end(
          response,
          404,
          error(
              "Not Found",
              "https://docs.github.com/rest/issues/issues#list-repository-issues",
              404));
    }
    if (rateRemaining <= 0) {
      return end(
          response,
          403,
          error(
              "API rate limit exceeded for installation ID 1.",
              "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
              403));
    }
    if (reviewsPath) {
      long number =
          Long.parseLong(
              path.substring(pullsPath.length() + 1, path.length() - "/reviews".length()));
      JsonArray body = reviews.getOrDefault(number, new JsonArray());
      if (pulls.stream().noneMatch(p -> p.getLong("number") == number)) {
        return end(response, 404, error("Not Found", "https://docs.github.com/rest/pulls", 404));
      }
      rateRemaining--;
      response.setStatusCode(200).end(body.encode());
      return 200;
    }
    return list(request, params, pullsList ? pulls : issues, pullsList ? "pulls" : "issues");
  }

  private void permission(HttpServerRequest request, String login) {
    permissionLookups.add(login);
    var response = request.response().putHeader("Content-Type", "application/json; charset=utf-8");
    String authorization = request.getHeader("Authorization");
    if (requiredToken != null && !("Bearer " + requiredToken).equals(authorization)) {
      end(response, 401, error("Bad credentials", "https://docs.github.com/rest", 401));
      return;
    }
    String role = roles.get(login);
    if (role == null) {
      end(response, 404, error("Not Found", "https://docs.github.com/rest/collaborators", 404));
      return;
    }
    String permission =
        switch (role) {
          case "maintain" -> "write";
          case "triage" -> "read";
          default -> role;
        };
    end(
        response,
        200,
        new JsonObject()
            .put("permission", permission)
            .put("role_name", role)
            .put("user", new JsonObject().put("login", login)));
  }

  private int list(
      HttpServerRequest request, MultiMap params, List<JsonObject> all, String listing) {
    var response = request.response();
    String state = params.get("state") == null ? "open" : params.get("state");
    List<String> wanted =
        params.get("labels") == null || params.get("labels").isEmpty()
            ? List.of()
            : Arrays.asList(params.get("labels").split(","));
    int perPage = params.get("per_page") == null ? 30 : Integer.parseInt(params.get("per_page"));
    int page = params.get("page") == null ? 1 : Integer.parseInt(params.get("page"));
    Integer failure = failingPages.remove(page);
    if (failure != null) {
      return end(response, failure, error("Server Error", "https://docs.github.com/rest", failure));
    }
    Comparator<JsonObject> order =
        "updated".equals(params.get("sort"))
            ? Comparator.comparing((JsonObject i) -> i.getString("updated_at"))
            : Comparator.comparing((JsonObject i) -> i.getLong("number"));
    if (!"asc".equals(params.get("direction"))) {
      order = order.reversed();
    }
    List<JsonObject> matching =
        all.stream()
            .filter(i -> state.equals("all") || state.equals(i.getString("state")))
            .filter(i -> IssueJson.labelNames(i).containsAll(wanted))
            .sorted(order)
            .toList();
    int lastPage = Math.max(1, (matching.size() + perPage - 1) / perPage);
    int from = Math.min(matching.size(), (page - 1) * perPage);
    JsonArray body =
        new JsonArray(
            new ArrayList<>(matching.subList(from, Math.min(matching.size(), from + perPage))));
    String encoded = body.encode();
    String etag = "W/\"" + sha256(encoded) + "\"";
    response.putHeader("ETag", etag);
    String link = link(params, page, lastPage, listing);
    if (!link.isEmpty()) {
      response.putHeader("Link", link);
    }
    if (etag.equals(request.getHeader("If-None-Match"))) {
      response.setStatusCode(304).end();
      return 304;
    }
    rateRemaining--;
    response.putHeader("x-ratelimit-remaining", String.valueOf(rateRemaining));
    response.putHeader("x-ratelimit-used", String.valueOf(rateLimit - rateRemaining));
    response.setStatusCode(200).end(encoded);
    return 200;
  }

  /** GitHub links pages through the repository's numeric id and keeps the other parameters. */
  private String link(MultiMap params, int page, int lastPage, String listing) {
    Map<String, Integer> rels = new LinkedHashMap<>();
    if (page > 1) {
      rels.put("prev", page - 1);
    }
    if (page < lastPage) {
      rels.put("next", page + 1);
      rels.put("last", lastPage);
    }
    if (page > 1) {
      rels.put("first", 1);
    }
    List<String> parts = new ArrayList<>();
    rels.forEach(
        (rel, target) -> {
          StringBuilder url =
              new StringBuilder(
                  (linkBase == null ? baseURL() : linkBase)
                      + "/repositories/"
                      + REPOSITORY_ID
                      + "/"
                      + listing
                      + "?");
          for (String key : List.of("state", "labels", "sort", "direction", "per_page")) {
            if (params.get(key) != null) {
              url.append(key)
                  .append('=')
                  .append(java.net.URLEncoder.encode(params.get(key), StandardCharsets.UTF_8))
                  .append('&');
            }
          }
          url.append("page=").append(target);
          parts.add("<" + url + ">; rel=\"" + rel + "\"");
        });
    return String.join(", ", parts);
  }

  private void putRateHeaders(java.util.function.BiConsumer<String, String> put) {
    put.accept("x-ratelimit-limit", String.valueOf(rateLimit));
    put.accept("x-ratelimit-remaining", String.valueOf(Math.max(0, rateRemaining)));
    put.accept("x-ratelimit-reset", String.valueOf(rateReset.getEpochSecond()));
    put.accept("x-ratelimit-used", String.valueOf(rateLimit - Math.max(0, rateRemaining)));
    put.accept("x-ratelimit-resource", "core");
  }

  private static int end(
      io.vertx.core.http.HttpServerResponse response, int status, JsonObject body) {
    response.setStatusCode(status).end(body.encode());
    return status;
  }

  public static JsonObject error(String message, String documentationURL, int status) {
    return new JsonObject()
        .put("message", message)
        .put("documentation_url", documentationURL)
        .put("status", String.valueOf(status));
  }

  private JsonObject add(String title, String body, boolean pullRequest, String... labels) {
    long number = issues.size() + 1L;
    String api = "https://api.github.com/repos/%s/%s".formatted(owner, name);
    String html = "https://github.com/%s/%s".formatted(owner, name);
    String now = tick();
    JsonObject issue =
        new JsonObject()
            .put("url", api + "/issues/" + number)
            .put("repository_url", api)
            .put("labels_url", api + "/issues/" + number + "/labels{/name}")
            .put("comments_url", api + "/issues/" + number + "/comments")
            .put("events_url", api + "/issues/" + number + "/events")
            .put("html_url", html + (pullRequest ? "/pull/" : "/issues/") + number)
            .put("id", 1_000_000L + number)
            .put("node_id", "I_kwDOABCDEF" + number)
            .put("number", number)
            .put("title", title)
            .put(
                "user",
                new JsonObject()
                    .put("login", "octocat")
                    .put("id", 1)
                    .put("type", "User")
                    .put("site_admin", false))
            .put("labels", labelObjects(labels))
            .put("state", "open")
            .put("locked", false)
            .put("assignee", null)
            .put("assignees", new JsonArray())
            .put("milestone", null)
            .put("comments", 0)
            .put("created_at", now)
            .put("updated_at", now)
            .put("closed_at", null)
            .put("author_association", "OWNER")
            .put("body", body)
            .put("state_reason", null);
    if (pullRequest) {
      issue.put(
          "pull_request",
          new JsonObject()
              .put("url", api + "/pulls/" + number)
              .put("html_url", html + "/pull/" + number)
              .put("diff_url", html + "/pull/" + number + ".diff")
              .put("patch_url", html + "/pull/" + number + ".patch")
              .put("merged_at", null));
    }
    issues.add(issue);
    return issue;
  }

  /** GitHub's timestamps have second precision; each change gets the next second. */
  private String tick() {
    return EPOCH.plusSeconds(clock++).toString();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.axon.gateway;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The GitHub REST API through {@link GitHubApiRule} and its GraphQL API through {@link
 * GitHubGraphQlRule}, with the Workspace's token put in.
 */
final class GitHubRoute {
  /** A new pull request's JSON is read whole to check its head; more is not a pull request. */
  static final int MAX_BODY = 1024 * 1024;

  static final String GRAPHQL = "/graphql";

  /** Each Task's repository node ID (for createPullRequest), bounded: oldest dropped first. */
  private final Map<String, String> repositoryIds =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > 1024;
            }
          });

  private final Forwarder forwarder;
  private final String upstream;
  private final GatewayAudit audit;

  GitHubRoute(Forwarder forwarder, String upstream, GatewayAudit audit) {
    this.forwarder = forwarder;
    this.upstream = upstream;
    this.audit = audit;
  }

  /** A request below {@link GatewayUrls#GITHUB_PREFIX}. */
  void handle(HttpServerRequest in, TaskGrant grant) {
    handle(in, grant, in.path().substring(GatewayUrls.GITHUB_PREFIX.length()));
  }

  /** A request for the API's {@code path} ({@code /repos/...}, {@code /graphql}). */
  void handle(HttpServerRequest in, TaskGrant grant, String path) {
    String method = in.method().name();
    Optional<String[]> repo = grant.ownerAndRepo();
    if (repo.isEmpty()) {
      refuse(in, grant, method, path, "axon gateway: this Task has no GitHub repository");
      return;
    }
    Optional<String> notAllowed =
        grant.gitTokenRefusal(
            java.net.URI.create(upstream),
            "the gateway's GitHub API route for Task \"%s\"".formatted(grant.key()));
    if (notAllowed.isPresent()) {
      refuse(in, grant, method, path, notAllowed.get());
      return;
    }
    GitHubApiRule rule = new GitHubApiRule(repo.get()[0], repo.get()[1], grant.push());
    MultiMap headers = Forwarder.upstreamHeaders(in, Set.of("authorization"));
    grant.gitToken().ifPresent(t -> headers.set("Authorization", "Bearer " + t));
    String url = upstream + path + (in.query() == null ? "" : "?" + in.query());
    if (path.equals(GRAPHQL)) {
      graphQl(in, grant, repo.get(), headers);
      return;
    }
    if (!rule.needsBody(method, path)) {
      Decision decision = rule.decide(method, path, grant.ownIssues(), null);
      if (!decision.allowed()) {
        refuse(in, grant, method, path, decision.reason());
        return;
      }
      audit.allowed(grant, GatewayAudit.Route.GITHUB);
      forwarder.forward(in, url, headers, null).onFailure(e -> Responses.badGateway(in, e));
      return;
    }
    String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null || !length.matches("[0-9]{1,7}") || Integer.parseInt(length) > MAX_BODY) {
      refuse(
          in,
          grant,
          method,
          path,
          "axon gateway: a pull request body needs a Content-Length up to 1 MiB");
      return;
    }
    var read = in.body();
    in.resume();
    read.compose(
            body -> {
              Decision decision = rule.decide(method, path, grant.ownIssues(), body.getBytes());
              if (!decision.allowed()) {
                refuse(in, grant, method, path, decision.reason());
                return io.vertx.core.Future.succeededFuture();
              }
              audit.allowed(grant, GatewayAudit.Route.GITHUB);
              return forwarder
                  .send(in, url, headers, body)
                  .compose(
                      r ->
                          r.body()
                              .map(
                                  answer -> {
                                    rememberPullRequest(grant, r.statusCode(), answer);
                                    Forwarder.head(in, r);
                                    in.response()
                                        .putHeader(
                                            HttpHeaders.CONTENT_LENGTH,
                                            String.valueOf(answer.length()))
                                        .setChunked(false)
                                        .end(answer);
                                    return null;
                                  }));
            })
        .onFailure(e -> Responses.badGateway(in, e));
  }

  /**
   * GraphQL ({@code gh}'s API): the body is read whole and parsed; only what {@link
   * GitHubGraphQlRule} allows goes upstream, to the GraphQL endpoint beside the REST API.
   */
  private void graphQl(HttpServerRequest in, TaskGrant grant, String[] repo, MultiMap headers) {
    String method = in.method().name();
    if (!method.equals("POST")) {
      refuse(in, grant, method, GRAPHQL, "axon gateway: GraphQL requests are POSTs");
      return;
    }
    String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null || !length.matches("[0-9]{1,7}") || Integer.parseInt(length) > MAX_BODY) {
      refuse(
          in,
          grant,
          method,
          GRAPHQL,
          "axon gateway: a GraphQL request needs a Content-Length up to 1 MiB");
      return;
    }
    GitHubGraphQlRule rule = new GitHubGraphQlRule(repo[0], repo[1], grant.push());
    String url = graphQlUrl(upstream);
    var read = in.body();
    in.resume();
    read.compose(
            body -> {
              GraphQlDocument document;
              try {
                document = GitHubGraphQlRule.parse(body.getBytes());
              } catch (GraphQlDocument.Unreadable e) {
                refuse(
                    in,
                    grant,
                    method,
                    GRAPHQL,
                    "axon gateway: the GraphQL request cannot be read: " + e.getMessage());
                return Future.succeededFuture();
              }
              Future<String> repositoryId =
                  GitHubGraphQlRule.needsRepositoryId(document)
                      ? repositoryId(grant, rule, url, headers)
                      : Future.succeededFuture(null);
              return repositoryId.compose(
                  id -> {
                    Decision decision = rule.decide(document, id);
                    if (!decision.allowed()) {
                      refuse(in, grant, method, GRAPHQL, decision.reason());
                      return Future.succeededFuture();
                    }
                    audit.allowed(grant, GatewayAudit.Route.GITHUB);
                    return forwarder
                        .send(in, url, headers, body)
                        .compose(r -> Forwarder.respond(in, r));
                  });
            })
        .onFailure(e -> Responses.badGateway(in, e));
  }

  /** The Workspace repository's node ID, asked of GitHub with the real token once per Task. */
  private Future<String> repositoryId(
      TaskGrant grant, GitHubGraphQlRule rule, String url, MultiMap agentHeaders) {
    String key = grant.key() + " " + rule.repository();
    String cached = repositoryIds.get(key);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set("Content-Type", "application/json");
    headers.set("Accept", "application/json");
    headers.set("User-Agent", "axon-gateway");
    if (agentHeaders.contains("Authorization")) {
      headers.set("Authorization", agentHeaders.get("Authorization"));
    }
    Buffer query = rule.repositoryIdQuery().toBuffer();
    headers.set(HttpHeaders.CONTENT_LENGTH, String.valueOf(query.length()));
    return forwarder
        .call(HttpMethod.POST, url, headers, query)
        .compose(r -> r.body())
        .map(
            answer -> {
              String id;
              try {
                id =
                    new JsonObject(answer)
                        .getJsonObject("data")
                        .getJsonObject("repository")
                        .getString("id");
              } catch (RuntimeException e) {
                id = null;
              }
              if (id != null) {
                repositoryIds.put(key, id);
              }
              return id; // null: the mutation is refused (the repository is not known)
            });
  }

  /** GitHub's GraphQL endpoint for a REST base: {@code /graphql}, or GHE's {@code /api/graphql}. */
  static String graphQlUrl(String restBase) {
    return restBase.endsWith("/api/v3")
        ? restBase.substring(0, restBase.length() - "/v3".length()) + GRAPHQL
        : restBase + GRAPHQL;
  }

  /** A pull request the Task opened is one it may comment on. */
  private static void rememberPullRequest(TaskGrant grant, int status, Buffer answer) {
    if (status != 201) {
      return;
    }
    try {
      Object number = new JsonObject(answer).getValue("number");
      if (number instanceof Number n) {
        grant.ownIssues().add(n.longValue());
      }
    } catch (RuntimeException e) {
      // not JSON: nothing to remember
    }
  }

  private void refuse(
      HttpServerRequest in, TaskGrant grant, String method, String path, String reason) {
    audit.refused(grant, GatewayAudit.Route.GITHUB, method, "github", path, reason);
    in.response().putHeader("Content-Type", "application/json");
    Responses.text(in, 403, new JsonObject().put("message", reason).encode());
  }
}

package io.axon.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;

/** The GitHub REST API, through {@link GitHubApiRule}, with the Workspace's token put in. */
final class GitHubRoute {
  /** A new pull request's JSON is read whole to check its head; more is not a pull request. */
  static final int MAX_BODY = 1024 * 1024;

  private final Forwarder forwarder;
  private final String upstream;
  private final GatewayAudit audit;

  GitHubRoute(Forwarder forwarder, String upstream, GatewayAudit audit) {
    this.forwarder = forwarder;
    this.upstream = upstream;
    this.audit = audit;
  }

  void handle(HttpServerRequest in, TaskGrant grant) {
    String path = in.path().substring(GatewayUrls.GITHUB_PREFIX.length());
    String method = in.method().name();
    Optional<String[]> repo = grant.ownerAndRepo();
    if (repo.isEmpty()) {
      refuse(in, grant, method, path, "axon gateway: this Task has no GitHub repository");
      return;
    }
    GitHubApiRule rule = new GitHubApiRule(repo.get()[0], repo.get()[1], grant.push());
    MultiMap headers = Forwarder.upstreamHeaders(in, Set.of("authorization"));
    grant.gitToken().ifPresent(t -> headers.set("Authorization", "Bearer " + t));
    String url = upstream + path + (in.query() == null ? "" : "?" + in.query());
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

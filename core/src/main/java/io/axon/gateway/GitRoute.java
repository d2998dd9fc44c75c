package io.axon.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * git's smart HTTP protocol to the Task's own repository only: fetches pass; a push's ref update
 * commands are read first and the push goes upstream only when every one is the Task's to make.
 */
final class GitRoute {
  private static final Set<String> SUFFIXES =
      Set.of("/info/refs", "/git-upload-pack", "/git-receive-pack");

  private final Forwarder forwarder;
  private final GatewayAudit audit;

  GitRoute(Forwarder forwarder, GatewayAudit audit) {
    this.forwarder = forwarder;
    this.audit = audit;
  }

  /** A request below {@link GatewayUrls#GIT_PREFIX}: {@code /git/HOST/PATH/...}. */
  void handle(HttpServerRequest in, TaskGrant grant) {
    Optional<URI> repo = grant.repo().flatMap(r -> GatewayUrls.upstreamRepo(r.toString()));
    serve(in, grant, repo, repo.flatMap(r -> suffix(in.path(), r)));
  }

  /**
   * A proxied request for {@code http://github.localhost/PATH}: {@code PATH} is {@code
   * /OWNER/REPO[.git]/...} of the Workspace's repository, wherever that is hosted.
   */
  void handleOnGhHost(HttpServerRequest in, TaskGrant grant, String path) {
    Optional<URI> repo = grant.repo().flatMap(r -> GatewayUrls.upstreamRepo(r.toString()));
    Optional<String> suffix =
        repo.flatMap(GatewayUrls::ownerAndRepo).flatMap(r -> onGhHostSuffix(path, r));
    serve(in, grant, repo, suffix);
  }

  private void serve(
      HttpServerRequest in, TaskGrant grant, Optional<URI> repo, Optional<String> suffix) {
    if (suffix.isEmpty()) {
      refuse(in, grant, 403, "axon gateway: this Task may reach only its Workspace's repository");
      return;
    }
    Optional<String> notAllowed =
        grant.gitTokenRefusal(
            repo.get(), "the gateway's git route for Task \"%s\"".formatted(grant.key()));
    if (notAllowed.isPresent()) {
      audit.refused(
          grant,
          GatewayAudit.Route.GIT,
          in.method().name(),
          repo.get().getHost(),
          in.path(),
          notAllowed.get());
      Responses.text(in, 403, notAllowed.get());
      return;
    }
    String service = in.getParam("service");
    boolean push =
        suffix.get().equals("/git-receive-pack")
            || (suffix.get().equals("/info/refs") && "git-receive-pack".equals(service));
    if (!(in.method() == HttpMethod.GET && suffix.get().equals("/info/refs"))
        && !(in.method() == HttpMethod.POST && !suffix.get().equals("/info/refs"))) {
      refuse(in, grant, 405, "axon gateway: not a git smart HTTP request");
      return;
    }
    MultiMap headers = Forwarder.upstreamHeaders(in, Set.of("authorization"));
    grant
        .gitToken()
        .ifPresent(t -> headers.set("Authorization", TokenHeaders.basic("x-access-token", t)));
    String query = in.query() == null ? "" : "?" + in.query();
    String url = repo.get() + suffix.get() + query;
    if (push && in.method() == HttpMethod.POST) {
      if (in.getHeader("Content-Encoding") != null) {
        refuse(in, grant, 415, "axon gateway: a compressed push cannot be checked");
        return;
      }
      new PushInspection(in, grant, url, headers).start();
      return;
    }
    audit.allowed(grant, GatewayAudit.Route.GIT);
    forwarder.forward(in, url, headers, null).onFailure(e -> Responses.badGateway(in, e));
  }

  /** What follows the repository in {@code path}, when {@code path} is under it. */
  static Optional<String> suffix(String path, URI repo) {
    String base = GatewayUrls.GIT_PREFIX + GatewayUrls.authority(repo) + repo.getPath();
    String bare = base.replaceAll("\\.git$", "");
    for (String candidate : new String[] {base, bare, bare + ".git"}) {
      if (path.startsWith(candidate)) {
        String rest = path.substring(candidate.length());
        if (SUFFIXES.contains(rest)) {
          return Optional.of(rest);
        }
      }
    }
    return Optional.empty();
  }

  /** What follows {@code /OWNER/REPO[.git]} in {@code path}, when it is {@code ownerAndRepo}'s. */
  static Optional<String> onGhHostSuffix(String path, String[] ownerAndRepo) {
    String bare = "/" + ownerAndRepo[0] + "/" + ownerAndRepo[1];
    for (String candidate : new String[] {bare + ".git", bare}) {
      if (path.startsWith(candidate)) {
        String rest = path.substring(candidate.length());
        if (SUFFIXES.contains(rest)) {
          return Optional.of(rest);
        }
      }
    }
    return Optional.empty();
  }

  private void refuse(HttpServerRequest in, TaskGrant grant, int status, String reason) {
    audit.refused(grant, GatewayAudit.Route.GIT, in.method().name(), "git", in.path(), reason);
    Responses.text(in, status, reason);
  }

  /** Reads the push's commands, then forwards it whole or answers git with the refusal. */
  private final class PushInspection {
    private final HttpServerRequest in;
    private final TaskGrant grant;
    private final String url;
    private final MultiMap headers;
    private final Buffer head = Buffer.buffer();
    private boolean decided;

    PushInspection(HttpServerRequest in, TaskGrant grant, String url, MultiMap headers) {
      this.in = in;
      this.grant = grant;
      this.url = url;
      this.headers = headers;
    }

    void start() {
      in.handler(this::chunk);
      in.endHandler(v -> ended());
      in.resume();
    }

    private void chunk(Buffer chunk) {
      if (decided) {
        return; // a refused push's pack: read and dropped
      }
      head.appendBuffer(chunk);
      try {
        ReceivePackCommands.parse(head.getBytes(), head.length()).ifPresent(this::decide);
      } catch (ReceivePackCommands.MalformedException e) {
        decided = true;
        refuse(in, grant, 400, "axon gateway: " + e.getMessage());
      }
    }

    private void ended() {
      if (!decided) {
        decided = true;
        refuse(in, grant, 400, "axon gateway: the push ended before its ref update commands");
      }
    }

    private void decide(ReceivePackCommands commands) {
      decided = true;
      Map<String, String> refused = grant.push().refusals(commands.updates());
      if (refused.isEmpty()) {
        in.pause();
        audit.allowed(grant, GatewayAudit.Route.GIT);
        forwarder.forward(in, url, headers, head).onFailure(e -> Responses.badGateway(in, e));
        return;
      }
      refused.forEach(
          (ref, reason) ->
              audit.refused(grant, GatewayAudit.Route.GIT, "PUSH", "git", ref, reason));
      byte[] body = ReceivePackRefusal.body(commands.updates(), commands.capabilities(), refused);
      in.endHandler(
          v ->
              in.response()
                  .setStatusCode(200)
                  .putHeader("Content-Type", "application/x-git-receive-pack-result")
                  .putHeader("Cache-Control", "no-cache")
                  .end(Buffer.buffer(body)));
    }
  }
}

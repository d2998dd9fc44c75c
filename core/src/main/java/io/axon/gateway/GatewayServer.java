package io.axon.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The gateway's HTTP front: finds the per-Task token where each kind of client puts it, resolves it
 * to a {@link TaskGrant}, and hands the request to its route. Routes by path ({@link GatewayUrls});
 * {@code CONNECT} and absolute-form requests are the forward proxy, but for {@code gh}'s requests
 * to {@link GatewayUrls#GH_API_HOST}, which are the GitHub API's, and git's to {@link
 * GatewayUrls#GH_HOST}, which are the Workspace repository's.
 */
public final class GatewayServer {
  private final Vertx vertx;
  private final GatewaySettings settings;
  private final Grants grants;
  private final GatewayAudit audit;
  private final HttpClient client;
  private final NetClient net;
  private final Map<ModelProvider, ModelRoute> models = new EnumMap<>(ModelProvider.class);
  private final GitRoute git;
  private final GitHubRoute github;
  private final EgressRoute egress;
  static final int IDLE_TIMEOUT_SECONDS = 15 * 60;
  private HttpServer server;

  public GatewayServer(Vertx vertx, GatewaySettings settings, Grants grants, GatewayAudit audit) {
    this.vertx = vertx;
    this.settings = settings;
    this.grants = grants;
    this.audit = audit;
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions().setConnectTimeout(10_000).setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(256));
    this.net = vertx.createNetClient(new NetClientOptions().setConnectTimeout(10_000));
    Forwarder forwarder = new Forwarder(client);
    for (ModelProvider provider : ModelProvider.values()) {
      models.put(
          provider, new ModelRoute(provider, forwarder, settings.modelBaseUrl(provider), audit));
    }
    this.git = new GitRoute(forwarder, audit);
    this.github = new GitHubRoute(forwarder, settings.githubApiBaseUrl(), audit);
    this.egress = new EgressRoute(forwarder, net, audit);
  }

  /** Listens; the future holds the port (useful with port 0). */
  public Future<Integer> start() {
    return vertx
        .createHttpServer(
            new HttpServerOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                // A silent client is dropped; model streams are never silent this long.
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS))
        .requestHandler(this::handle)
        .listen()
        .map(
            s -> {
              server = s;
              return s.actualPort();
            });
  }

  public Future<Void> close() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.compose(v -> client.close()).compose(v -> net.close());
  }

  private void handle(HttpServerRequest in) {
    in.pause(); // until the route says where the body goes
    String path = in.path() == null ? "" : in.path();
    if (in.method() == HttpMethod.CONNECT) {
      proxied(in, egress::tunnel);
    } else if (ghApiPath(in.uri()).isPresent()) {
      String apiPath = ghApiPath(in.uri()).get();
      proxied(in, (request, grant) -> github.handle(request, grant, apiPath));
    } else if (ghGitPath(in.uri()).isPresent()) {
      String gitPath = ghGitPath(in.uri()).get();
      proxied(in, (request, grant) -> git.handleOnGhHost(request, grant, gitPath));
    } else if (in.uri().startsWith("http://") || in.uri().startsWith("https://")) {
      proxied(in, egress::plain);
    } else if (ModelProvider.forPath(path).isPresent()) {
      ModelRoute model = models.get(ModelProvider.forPath(path).get());
      authorize(in, GatewayAudit.Route.MODEL, model.provider().token(in), model::handle);
    } else if (path.startsWith(GatewayUrls.GIT_PREFIX)) {
      authorize(
          in,
          GatewayAudit.Route.GIT,
          TokenHeaders.authorization(in.getHeader("Authorization")),
          git::handle);
    } else if (path.startsWith(GatewayUrls.GITHUB_PREFIX + "/")) {
      authorize(
          in,
          GatewayAudit.Route.GITHUB,
          TokenHeaders.authorization(in.getHeader("Authorization")),
          github::handle);
    } else if (path.equals("/healthz")) {
      in.resume();
      in.response().end("ok\n");
    } else {
      Responses.text(in, 404, "axon gateway: nothing is served at " + path);
    }
  }

  /**
   * The API path of {@code gh}'s plain-HTTP request to {@link GatewayUrls#GH_API_HOST} (absolute
   * form, as a client sends it to its {@code HTTP_PROXY}); empty for any other request.
   */
  static Optional<String> ghApiPath(String uri) {
    return proxiedPath(uri, GatewayUrls.GH_API_HOST);
  }

  /**
   * The path of git's plain-HTTP request to {@link GatewayUrls#GH_HOST} (the workspace's {@code
   * origin}, reached with the gateway as git's proxy); empty for any other request.
   */
  static Optional<String> ghGitPath(String uri) {
    return proxiedPath(uri, GatewayUrls.GH_HOST);
  }

  /** The path of an absolute-form {@code http://host/...} request for exactly {@code host}. */
  private static Optional<String> proxiedPath(String uri, String host) {
    String prefix = "http://" + host;
    if (!uri.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return Optional.empty();
    }
    try {
      URI parsed = new URI(uri);
      boolean exactly =
          host.equalsIgnoreCase(parsed.getHost())
              && (parsed.getPort() == -1 || parsed.getPort() == 80)
              && parsed.getRawUserInfo() == null;
      String path =
          parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
      return exactly ? Optional.of(path) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private void proxied(HttpServerRequest in, BiConsumer<HttpServerRequest, TaskGrant> route) {
    String header = in.getHeader("Proxy-Authorization");
    String token = TokenHeaders.authorization(header);
    if (token == null) {
      in.response().putHeader("Proxy-Authenticate", "Basic realm=\"axon-gateway\"");
      Responses.text(in, 407, "axon gateway: the proxy needs the Task's token as its password");
      return;
    }
    authorize(in, GatewayAudit.Route.EGRESS, token, route);
  }

  private void authorize(
      HttpServerRequest in,
      GatewayAudit.Route route,
      String token,
      BiConsumer<HttpServerRequest, TaskGrant> then) {
    if (token == null) {
      audit.unauthenticated(route);
      if (route == GatewayAudit.Route.GIT) {
        // git sends credentials only when asked: this makes it call its credential helper.
        in.response().putHeader("WWW-Authenticate", "Basic realm=\"axon-gateway\"");
      }
      unauthorized(in, route, "axon gateway: no token: send the Task's gateway token");
      return;
    }
    grants
        .resolve(token)
        .onComplete(
            result -> {
              Optional<TaskGrant> grant = result.succeeded() ? result.result() : Optional.empty();
              if (grant.isEmpty()) {
                audit.unauthenticated(route);
                unauthorized(
                    in,
                    route,
                    result.succeeded()
                        ? "axon gateway: the token is not valid (unknown, or its Task has finished)"
                        : "axon gateway: the token could not be checked, try again");
                return;
              }
              then.accept(in, grant.get());
            });
  }

  private static void unauthorized(HttpServerRequest in, GatewayAudit.Route route, String message) {
    int status = route == GatewayAudit.Route.EGRESS ? 407 : 401;
    if (route == GatewayAudit.Route.MODEL) {
      Responses.modelError(in, status, "authentication_error", message);
    } else {
      Responses.text(in, status, message);
    }
  }
}

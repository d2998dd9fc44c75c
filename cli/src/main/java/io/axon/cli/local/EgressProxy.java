package io.axon.cli.local;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's only way out: a forward proxy on a Unix socket that the sandbox sees, passing HTTP
 * {@code CONNECT} tunnels and plain-HTTP requests to the hosts and ports of an {@link
 * EgressAllowlist} and refusing everything else with {@code 403} and a message naming the flag that
 * allows it. It sees no TLS content and adds no credentials.
 */
final class EgressProxy implements AutoCloseable {

  static final int MAX_CONNECTIONS = 256;
  private static final int CONNECT_TIMEOUT_MS = (int) TimeUnit.SECONDS.toMillis(30);
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  private final Vertx vertx;
  private final EgressAllowlist allowlist;
  private final NetClient tcp;
  private final HttpClient http;
  private final HttpServer server;
  private final AtomicInteger open = new AtomicInteger();

  private EgressProxy(Vertx vertx, EgressAllowlist allowlist) {
    this.vertx = vertx;
    this.allowlist = allowlist;
    this.tcp = vertx.createNetClient(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS));
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MS).setKeepAlive(false));
    this.server =
        vertx
            .createHttpServer()
            .connectionHandler(
                connection -> {
                  if (open.incrementAndGet() > MAX_CONNECTIONS) {
                    connection.close();
                  }
                  connection.closeHandler(closed -> open.decrementAndGet());
                })
            .requestHandler(this::handle);
  }

  /** Starts the proxy listening on {@code socket}, which must not exist yet. */
  static EgressProxy start(Path socket, EgressAllowlist allowlist) throws Exception {
    Vertx vertx = Vertx.vertx();
    EgressProxy proxy = new EgressProxy(vertx, allowlist);
    try {
      proxy
          .server
          .listen(SocketAddress.domainSocketAddress(socket.toString()))
          .await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    return proxy;
  }

  private void handle(HttpServerRequest request) {
    if (request.method() == HttpMethod.CONNECT) {
      tunnel(request);
    } else {
      forward(request);
    }
  }

  private void tunnel(HttpServerRequest request) {
    EgressAllowlist.HostPort target = EgressAllowlist.HostPort.parse(request.uri(), 443);
    if (target == null || !allowlist.allows(target)) {
      refuse(request, request.uri());
      return;
    }
    request.pause();
    tcp.connect(target.port(), target.host())
        .onFailure(e -> badGateway(request, target, e))
        .onSuccess(
            upstream ->
                request
                    .toNetSocket()
                    .onFailure(e -> upstream.close())
                    .onSuccess(client -> splice(client, upstream)));
  }

  private void forward(HttpServerRequest request) {
    URI uri;
    try {
      uri = URI.create(request.uri());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      request
          .response()
          .setStatusCode(400)
          .end("axon: a proxy request needs an absolute http:// URL or CONNECT\n");
      return;
    }
    EgressAllowlist.HostPort target =
        new EgressAllowlist.HostPort(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    if (!allowlist.allows(target)) {
      refuse(request, target.toString());
      return;
    }
    request.pause();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    request
        .headers()
        .forEach(
            h -> {
              if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
              }
            });
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    RequestOptions options =
        new RequestOptions()
            .setMethod(request.method())
            .setHost(target.host())
            .setPort(target.port())
            .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
            .setHeaders(headers);
    http.request(options)
        .compose(out -> out.send(request))
        .onFailure(e -> badGateway(request, target, e))
        .onSuccess(
            response -> {
              var reply = request.response().setStatusCode(response.statusCode());
              response
                  .headers()
                  .forEach(
                      h -> {
                        if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                          reply.headers().add(h.getKey(), h.getValue());
                        }
                      });
              if (!response.headers().contains("content-length")) {
                reply.setChunked(true);
              }
              response.pipeTo(reply);
            });
  }

  private static void splice(NetSocket client, NetSocket upstream) {
    client.pipeTo(upstream).onComplete(done -> upstream.close());
    upstream.pipeTo(client).onComplete(done -> client.close());
  }

  private static void refuse(HttpServerRequest request, String target) {
    request
        .response()
        .setStatusCode(403)
        .putHeader("content-type", "text/plain")
        .end(
            "axon: the sandbox may not reach "
                + target
                + "; allow it with --allow-host HOST[:PORT]\n");
  }

  private static void badGateway(
      HttpServerRequest request, EgressAllowlist.HostPort target, Throwable e) {
    if (!request.response().ended()) {
      request
          .response()
          .setStatusCode(502)
          .putHeader("content-type", "text/plain")
          .end("axon: could not reach " + target + ": " + e.getMessage() + "\n");
    }
  }

  @Override
  public void close() {
    Future<Void> closed = vertx.close();
    try {
      closed.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // exiting anyway
    }
  }
}

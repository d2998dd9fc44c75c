package io.axon.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.util.Set;

/**
 * Anything else, as a forward proxy ({@code HTTPS_PROXY}/{@code HTTP_PROXY} = the gateway, the
 * token as the proxy password): refused unless the Task's {@link EgressRule} names the host.
 */
final class EgressRoute {
  private final Forwarder forwarder;
  private final NetClient net;
  private final GatewayAudit audit;

  EgressRoute(Forwarder forwarder, NetClient net, GatewayAudit audit) {
    this.forwarder = forwarder;
    this.net = net;
    this.audit = audit;
  }

  /** {@code CONNECT host:port}: a TLS tunnel, judged by host and port alone. */
  void tunnel(HttpServerRequest in, TaskGrant grant) {
    String target = in.uri();
    int colon = target.lastIndexOf(':');
    String host = colon < 0 ? target : target.substring(0, colon);
    int port;
    try {
      port = colon < 0 ? 443 : Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      Responses.text(in, 400, "axon gateway: CONNECT needs host:port");
      return;
    }
    Decision decision = grant.egress().decideTunnel(host, port);
    if (!decision.allowed()) {
      audit.refused(
          grant, GatewayAudit.Route.EGRESS, "CONNECT", host + ":" + port, "", decision.reason());
      Responses.text(in, 403, decision.reason());
      return;
    }
    audit.allowed(grant, GatewayAudit.Route.EGRESS);
    net.connect(port, host)
        .onFailure(e -> Responses.badGateway(in, e))
        .onSuccess(
            upstream ->
                in.toNetSocket()
                    .onFailure(e -> upstream.close())
                    .onSuccess(client -> splice(client, upstream)));
  }

  /** A plain HTTP request in absolute form ({@code GET http://host/path}). */
  void plain(HttpServerRequest in, TaskGrant grant) {
    URI uri = URI.create(in.uri());
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String method = in.method().name();
    Decision decision = grant.egress().decideRequest(method, uri.getHost(), port, path);
    if (!decision.allowed()) {
      audit.refused(
          grant,
          GatewayAudit.Route.EGRESS,
          method,
          uri.getHost() + ":" + port,
          path,
          decision.reason());
      Responses.text(in, 403, decision.reason());
      return;
    }
    audit.allowed(grant, GatewayAudit.Route.EGRESS);
    MultiMap headers = Forwarder.upstreamHeaders(in, Set.of());
    forwarder.forward(in, in.uri(), headers, null).onFailure(e -> Responses.badGateway(in, e));
  }

  private static void splice(NetSocket a, NetSocket b) {
    a.pipeTo(b);
    b.pipeTo(a);
  }
}

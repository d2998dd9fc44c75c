package io.axon.gateway;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.util.Locale;
import java.util.Set;

/**
 * Streams one request to its upstream and the response back, chunk by chunk as each arrives (no
 * buffering: server-sent events reach the agent as the model writes them). Headers are copied but
 * the hop-by-hop ones and those the caller replaces (credentials).
 */
final class Forwarder {
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
          "upgrade",
          "host",
          "content-length");

  /** Long model requests stream for minutes; a silent upstream is given up after this long. */
  static final long IDLE_TIMEOUT_MS = 10 * 60 * 1000;

  private final HttpClient client;

  Forwarder(HttpClient client) {
    this.client = client;
  }

  /** The request's headers minus hop-by-hop ones and {@code drop} (lower case). */
  static MultiMap upstreamHeaders(HttpServerRequest in, Set<String> drop) {
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    in.headers()
        .forEach(
            h -> {
              String name = h.getKey().toLowerCase(Locale.ROOT);
              if (!HOP_BY_HOP.contains(name) && !drop.contains(name)) {
                out.add(h.getKey(), h.getValue());
              }
            });
    return out;
  }

  /** Streams the (paused) request's body upstream, after {@code prefix} when it is not null. */
  Future<Void> forward(HttpServerRequest in, String url, MultiMap headers, Buffer prefix) {
    return open(in, url, headers)
        .compose(
            out -> {
              Future<HttpClientResponse> response = out.response();
              if (prefix != null) {
                out.write(prefix);
              }
              in.pipeTo(out);
              return response.compose(r -> respond(in, r));
            });
  }

  /** Sends a body already read in full. */
  Future<HttpClientResponse> send(HttpServerRequest in, String url, MultiMap headers, Buffer body) {
    return open(in, url, headers)
        .compose(
            out -> {
              out.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length()));
              out.setChunked(false);
              return out.send(body);
            });
  }

  /** A request of the gateway's own (not the agent's): its answer, read whole. */
  Future<HttpClientResponse> call(HttpMethod method, String url, MultiMap headers, Buffer body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setAbsoluteURI(url)
            .setHeaders(headers)
            .setIdleTimeout(30_000);
    return client.request(options).compose(out -> out.send(body));
  }

  private Future<HttpClientRequest> open(HttpServerRequest in, String url, MultiMap headers) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(in.method())
            .setAbsoluteURI(url)
            .setHeaders(headers)
            .setIdleTimeout(IDLE_TIMEOUT_MS);
    return client
        .request(options)
        .map(
            out -> {
              String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
              if (length != null) {
                out.putHeader(HttpHeaders.CONTENT_LENGTH, length);
              } else if (in.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
                out.setChunked(true);
              }
              in.response().closeHandler(v -> out.reset());
              return out;
            });
  }

  /** Copies the upstream response's status and headers, then streams its body. */
  static Future<Void> respond(HttpServerRequest in, HttpClientResponse upstream) {
    HttpServerResponse out = in.response();
    head(in, upstream);
    return upstream.pipeTo(out);
  }

  /** The status line and headers of {@code upstream} on {@code in}'s response. */
  static void head(HttpServerRequest in, HttpClientResponse upstream) {
    HttpServerResponse out = in.response();
    out.setStatusCode(upstream.statusCode());
    out.setStatusMessage(upstream.statusMessage());
    upstream
        .headers()
        .forEach(
            h -> {
              if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                out.headers().add(h.getKey(), h.getValue());
              }
            });
    String length = upstream.getHeader(HttpHeaders.CONTENT_LENGTH);
    boolean noBody =
        in.method() == HttpMethod.HEAD
            || upstream.statusCode() == 204
            || upstream.statusCode() == 304;
    if (length != null) {
      out.putHeader(HttpHeaders.CONTENT_LENGTH, length);
    } else if (!noBody) {
      out.setChunked(true);
    }
  }
}

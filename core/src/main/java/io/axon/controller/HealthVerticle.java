package io.axon.controller;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;

/**
 * Liveness ({@code /healthz}), readiness ({@code /readyz}: the caches have synced) and Prometheus
 * metrics ({@code /metrics}) on one port. A standby replica is ready: it serves as soon as it
 * leads; {@code /readyz} says which it is.
 */
public final class HealthVerticle extends VerticleBase {
  private final String host;
  private final int port;
  private final BooleanSupplier ready;
  private final BooleanSupplier leading;
  private final Handler<HttpServerRequest> metrics;
  private int actualPort;

  public HealthVerticle(
      String host,
      int port,
      BooleanSupplier ready,
      BooleanSupplier leading,
      Handler<HttpServerRequest> metrics) {
    this.host = host;
    this.port = port;
    this.ready = ready;
    this.leading = leading;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    return vertx
        .createHttpServer()
        .requestHandler(this::handle)
        .listen(port, host)
        .onSuccess(server -> actualPort = server.actualPort());
  }

  /** The port it listens on (useful when configured as 0). */
  public int port() {
    return actualPort;
  }

  private void handle(HttpServerRequest request) {
    switch (request.path()) {
      case "/healthz" -> request.response().end("ok\n");
      case "/readyz" -> {
        boolean isReady = ready.getAsBoolean();
        request
            .response()
            .setStatusCode(isReady ? 200 : 503)
            .end(
                !isReady
                    ? "caches syncing\n"
                    : leading.getAsBoolean() ? "ok: leader\n" : "ok: standby\n");
      }
      case "/metrics" -> metrics.handle(request);
      default -> request.response().setStatusCode(404).end();
    }
  }
}

package io.axon.controller;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BooleanSupplier;

/**
 * Liveness ({@code /healthz}) and readiness ({@code /readyz}: the caches have synced) for the
 * Deployment's probes. A standby replica is ready: it serves as soon as it leads.
 */
public final class HealthVerticle extends VerticleBase {
  private final String host;
  private final int port;
  private final BooleanSupplier ready;
  private int actualPort;

  public HealthVerticle(String host, int port, BooleanSupplier ready) {
    this.host = host;
    this.port = port;
    this.ready = ready;
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
            .end(isReady ? "ok\n" : "caches syncing\n");
      }
      default -> request.response().setStatusCode(404).end();
    }
  }
}

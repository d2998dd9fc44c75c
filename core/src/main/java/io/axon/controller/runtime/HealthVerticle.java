package io.axon.controller.runtime;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Liveness ({@code /healthz}), readiness ({@code /readyz}) and Prometheus metrics ({@code
 * /metrics}) on one port.
 *
 * <p>Live: every informer is running and leader election (when on) is competing; either failing for
 * good needs a restart. Ready: every informer has synced and is watching; a standby replica is
 * ready too, since it serves as soon as it leads, and {@code /readyz} says which it is. A failing
 * answer names what is wrong.
 */
public final class HealthVerticle extends VerticleBase {
  private final String host;
  private final int port;
  private final Supplier<List<InformerHealth>> informers;
  private final BooleanSupplier synced;
  private final BooleanSupplier leading;
  private final BooleanSupplier competing;
  private final Handler<HttpServerRequest> metrics;
  private int actualPort;

  /**
   * @param informers each informer's state
   * @param synced whether the caches have had their initial lists
   * @param leading whether this replica leads
   * @param competing whether this replica can lead: leader election is off, or its elector runs
   */
  public HealthVerticle(
      String host,
      int port,
      Supplier<List<InformerHealth>> informers,
      BooleanSupplier synced,
      BooleanSupplier leading,
      BooleanSupplier competing,
      Handler<HttpServerRequest> metrics) {
    this.host = host;
    this.port = port;
    this.informers = informers;
    this.synced = synced;
    this.leading = leading;
    this.competing = competing;
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
      case "/healthz" -> answer(request, liveness());
      case "/readyz" -> {
        String problems = readiness();
        if (problems.isEmpty()) {
          request.response().end(leading.getAsBoolean() ? "ok: leader\n" : "ok: standby\n");
        } else {
          answer(request, problems);
        }
      }
      case "/metrics" -> metrics.handle(request);
      default -> request.response().setStatusCode(404).end();
    }
  }

  private String liveness() {
    String stopped =
        informers.get().stream()
            .filter(InformerHealth::stopped)
            .map(InformerHealth::problem)
            .collect(Collectors.joining("; "));
    if (!competing.getAsBoolean()) {
      return stopped.isEmpty() ? "leader election stopped" : "leader election stopped; " + stopped;
    }
    return stopped;
  }

  private String readiness() {
    List<InformerHealth> all = informers.get();
    String problems =
        all.stream()
            .filter(i -> !i.ready())
            .map(InformerHealth::problem)
            .collect(Collectors.joining("; "));
    if (all.isEmpty() || !synced.getAsBoolean()) {
      return problems.isEmpty() ? "caches syncing" : "caches syncing: " + problems;
    }
    return problems;
  }

  private static void answer(HttpServerRequest request, String problems) {
    if (problems.isEmpty()) {
      request.response().end("ok\n");
    } else {
      request.response().setStatusCode(503).end(problems + "\n");
    }
  }
}

package io.axon.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * An HTTP server on 127.0.0.1 standing for an upstream (the model API, the GitHub API): records
 * each request's method, path, headers and body, and answers as the test says.
 */
final class RecordingUpstream implements AutoCloseable {
  record Seen(String method, String path, MultiMap headers, Buffer body, String query) {}

  private final HttpServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  RecordingUpstream(Vertx vertx, BiConsumer<HttpServerRequest, Seen> answer) {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                in ->
                    in.body()
                        .onSuccess(
                            body -> {
                              MultiMap headers = MultiMap.caseInsensitiveMultiMap();
                              headers.addAll(in.headers());
                              Seen request =
                                  new Seen(
                                      in.method().name(), in.path(), headers, body, in.query());
                              seen.add(request);
                              answer.accept(in, request);
                            }));
    server.listen(0, "127.0.0.1").await();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    server.close().await();
  }
}

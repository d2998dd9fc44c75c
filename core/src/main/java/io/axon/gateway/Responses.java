package io.axon.gateway;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The gateway's own answers: plain text a person (or an agent) reads. */
final class Responses {
  private Responses() {}

  /** Ends the exchange with {@code status} and {@code message}, discarding the request body. */
  static void text(HttpServerRequest in, int status, String message) {
    HttpServerResponse out = in.response();
    if (out.headWritten()) {
      out.reset();
      return;
    }
    if (!in.isEnded()) {
      in.handler(b -> {});
      in.resume();
    }
    out.setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Connection", "close")
        .end(message + "\n");
  }

  /** An error in the Anthropic API's shape, so the agent CLI shows the message. */
  static void modelError(HttpServerRequest in, int status, String type, String message) {
    HttpServerResponse out = in.response();
    if (out.headWritten()) {
      out.reset();
      return;
    }
    if (!in.isEnded()) {
      in.handler(b -> {});
      in.resume();
    }
    out.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(
            new JsonObject()
                .put("type", "error")
                .put("error", new JsonObject().put("type", type).put("message", message))
                .encode());
  }

  static void badGateway(HttpServerRequest in, Throwable e) {
    text(in, 502, "axon gateway: the upstream did not answer: " + e.getMessage());
  }
}

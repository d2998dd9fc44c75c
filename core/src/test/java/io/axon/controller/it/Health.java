package io.axon.controller.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A controller replica's health endpoints, as a kubelet probing it sees them. */
final class Health {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Health() {}

  /** The body of {@code /readyz} (its status is 200 exactly when the body starts with "ok"). */
  static String readyz(ControllerInstance replica) {
    return get(replica, "/readyz").body();
  }

  static String healthz(ControllerInstance replica) {
    return get(replica, "/healthz").body();
  }

  static HttpResponse<String> get(ControllerInstance replica, String path) {
    URI uri = URI.create("http://127.0.0.1:" + replica.harness.controller().healthPort() + path);
    try {
      return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

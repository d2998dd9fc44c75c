package io.axon.controller.report;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The few GitHub REST calls reporting and webhooks make, blocking (call from a worker). Each call
 * has a deadline; errors carry GitHub's status and its {@code message}, never the token. A write
 * (anything but GET) is sent only while the fence is open: with leader election, while this replica
 * holds the Lease ({@link io.axon.controller.runtime.LeaseFence#isOpen}).
 */
public final class GitHubApi {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String API_VERSION = "2022-11-28";

  private final HttpClient http;
  private final String baseURL;
  private final String authorization;
  private final BooleanSupplier writable;

  /**
   * @param authorization the whole Authorization header value, such as {@code Bearer TOKEN}
   */
  public GitHubApi(HttpClient http, String baseURL, String authorization) {
    this(http, baseURL, authorization, () -> true);
  }

  /**
   * @param writable checked right before each write is sent: false refuses it with {@link
   *     NotLeadingWriteException}
   */
  public GitHubApi(
      HttpClient http, String baseURL, String authorization, BooleanSupplier writable) {
    this.http = http;
    this.baseURL = baseURL;
    this.authorization = authorization;
    this.writable = writable;
  }

  public JsonArray getArray(String path) {
    Object body = call("GET", path, null);
    if (body instanceof JsonArray array) {
      return array;
    }
    throw new GitHubWriteException(0, "GET " + path + ": GitHub answered no JSON array");
  }

  public JsonObject get(String path) {
    return object("GET", path, call("GET", path, null));
  }

  public JsonObject post(String path, JsonObject body) {
    return object("POST", path, call("POST", path, body));
  }

  public JsonObject patch(String path, JsonObject body) {
    return object("PATCH", path, call("PATCH", path, body));
  }

  private Object call(String method, String path, JsonObject body) {
    if (!method.equals("GET") && !writable.getAsBoolean()) {
      throw new NotLeadingWriteException(method + " " + path);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseURL + path))
            .timeout(TIMEOUT)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", API_VERSION)
            .header("User-Agent", "axon-controller");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json; charset=utf-8")
          .method(
              method, HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new GitHubWriteException(0, method + " " + path + ": " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubWriteException(0, method + " " + path + ": interrupted");
    }
    int status = response.statusCode();
    Object parsed = parse(response.body());
    if (status / 100 != 2) {
      String message =
          parsed instanceof JsonObject error && error.getValue("message") instanceof String text
              ? text
              : "no message";
      throw new GitHubWriteException(
          status, "%s %s: GitHub answered %d: %s".formatted(method, path, status, message));
    }
    return parsed;
  }

  private static Object parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      String trimmed = text.strip();
      return trimmed.startsWith("[") ? new JsonArray(trimmed) : new JsonObject(trimmed);
    } catch (DecodeException e) {
      return null;
    }
  }

  private static JsonObject object(String method, String path, Object body) {
    if (body instanceof JsonObject object) {
      return object;
    }
    throw new GitHubWriteException(0, method + " " + path + ": GitHub answered no JSON object");
  }
}

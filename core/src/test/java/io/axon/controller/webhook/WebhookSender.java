package io.axon.controller.webhook;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Delivers webhook events as GitHub does: over HTTPS (trusting only the endpoint's own
 * certificate), with {@code X-GitHub-Event}, {@code X-GitHub-Delivery} and {@code
 * X-Hub-Signature-256} over the exact bytes sent.
 */
public final class WebhookSender implements AutoCloseable {
  /** What the endpoint answered. */
  public record Answer(int status, String message) {}

  private final HttpClient http;
  private final Context context;
  private final int port;

  public WebhookSender(Vertx vertx, int port, String certificatePath) {
    this.port = port;
    this.context = vertx.getOrCreateContext();
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(certificatePath))
                // The certificate names localhost; the endpoint is reached at 127.0.0.1.
                .setVerifyHost(false));
  }

  /** Sends the body signed with this secret (null: no signature header). */
  public Answer deliver(
      String path, String event, String delivery, String secret, JsonObject payload)
      throws Exception {
    byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);
    return send(path, event, delivery, secret == null ? null : Signatures.sign(secret, body), body);
  }

  /** Sends these exact bytes with this signature header (null: none). */
  public Answer send(String path, String event, String delivery, String signature, byte[] body)
      throws Exception {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(path)
            .addHeader("Content-Type", "application/json")
            .addHeader("User-Agent", "GitHub-Hookshot/9c1a5a1");
    if (event != null) {
      options.addHeader("X-GitHub-Event", event);
    }
    if (delivery != null) {
      options.addHeader("X-GitHub-Delivery", delivery);
    }
    if (signature != null) {
      options.addHeader("X-Hub-Signature-256", signature);
    }
    return exchange(context, http, options, body);
  }

  /**
   * One request and its whole answer. The chain runs on a Vert.x context: built from the test's
   * thread, a pooled connection's response could deliver its body before {@code body()} was asked
   * for, which then completes empty.
   */
  static Answer exchange(Context context, HttpClient http, RequestOptions options, byte[] body)
      throws Exception {
    Promise<Answer> answer = Promise.promise();
    context.runOnContext(
        v ->
            http.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(
                    response ->
                        response
                            .body()
                            .map(
                                text ->
                                    new Answer(
                                        response.statusCode(),
                                        new JsonObject(text.toString()).getString("message"))))
                .onComplete(answer));
    return answer.future().await(Duration.ofSeconds(20));
  }

  @Override
  public void close() throws Exception {
    http.close().await(Duration.ofSeconds(10));
  }

  /** An {@code issues} event as GitHub sends it (the fields Axon reads, and some it does not). */
  public static JsonObject issueEvent(String action, String repository, long number, String title) {
    String[] ownerName = repository.split("/");
    return new JsonObject()
        .put("action", action)
        .put(
            "issue",
            new JsonObject()
                .put("url", "https://api.github.com/repos/" + repository + "/issues/" + number)
                .put("html_url", "https://github.com/" + repository + "/issues/" + number)
                .put("id", 1_000_000L + number)
                .put("number", number)
                .put("title", title)
                .put("user", new JsonObject().put("login", "octocat").put("id", 1))
                .put("labels", new io.vertx.core.json.JsonArray())
                .put("state", "open")
                .put("author_association", "OWNER")
                .put("body", "It crashes."))
        .put(
            "repository",
            new JsonObject()
                .put("id", 1_296_269)
                .put("name", ownerName[1])
                .put("full_name", repository)
                .put("private", false)
                .put(
                    "owner",
                    new JsonObject().put("login", ownerName[0]).put("type", "Organization")))
        .put("sender", new JsonObject().put("login", "octocat").put("id", 1).put("type", "User"));
  }
}

package io.axon.controller.webhook;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Delivers JSON to the generic webhook endpoint as a sender following its contract would: over
 * HTTPS (trusting only the endpoint's certificate), with {@code X-Axon-Delivery}, {@code
 * X-Axon-Timestamp} and either {@code X-Axon-Signature-256} over the timestamp and the exact bytes
 * sent, or a bearer token.
 */
public final class GenericWebhookSender implements AutoCloseable {
  private final HttpClient http;
  private final Context context;
  private final int port;

  public GenericWebhookSender(Vertx vertx, int port, String certificatePath) {
    this.port = port;
    this.context = vertx.getOrCreateContext();
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(certificatePath))
                .setVerifyHost(false));
  }

  /** Sends the body signed with the secret, stamped {@code sentAt}. */
  public WebhookSender.Answer signed(
      String path, String delivery, Instant sentAt, String secret, JsonObject payload)
      throws Exception {
    byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);
    String timestamp = String.valueOf(sentAt.getEpochSecond());
    return send(
        path,
        Map.of(
            GenericAuth.DELIVERY,
            delivery,
            GenericAuth.TIMESTAMP,
            timestamp,
            GenericAuth.SIGNATURE,
            GenericAuth.sign(secret, timestamp, body)),
        body);
  }

  /** Sends the body with {@code Authorization: Bearer token}, stamped now. */
  public WebhookSender.Answer withToken(
      String path, String delivery, String token, JsonObject payload) throws Exception {
    return send(
        path,
        Map.of(
            GenericAuth.DELIVERY,
            delivery,
            GenericAuth.TIMESTAMP,
            String.valueOf(Instant.now().getEpochSecond()),
            "Authorization",
            "Bearer " + token),
        payload.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** Sends these exact bytes with these headers. */
  public WebhookSender.Answer send(String path, Map<String, String> headers, byte[] body)
      throws Exception {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(path)
            .addHeader("Content-Type", "application/json");
    headers.forEach(options::addHeader);
    return WebhookSender.exchange(context, http, options, body);
  }

  @Override
  public void close() throws Exception {
    http.close().await(Duration.ofSeconds(10));
  }
}

package io.axon.controller.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a generic webhook delivery is authentic and fresh. With {@code hmac}, {@value #SIGNATURE}
 * is {@code sha256=} and the hex HMAC-SHA256, keyed with the Secret's {@value #SECRET_KEY}, of the
 * {@value #TIMESTAMP} header, a dot, and the body: the timestamp is signed, so a captured delivery
 * cannot be replayed later under a new one. With {@code bearer}, {@code Authorization} is {@code
 * Bearer} and the Secret's {@value #TOKEN_KEY}. Either way {@value #TIMESTAMP} (Unix seconds) must
 * be within the replay window of now, and {@value #DELIVERY} is required (the caller de-duplicates
 * by it). Comparisons take constant time.
 */
final class GenericAuth {
  static final String DELIVERY = "X-Axon-Delivery";
  static final String TIMESTAMP = "X-Axon-Timestamp";
  static final String SIGNATURE = "X-Axon-Signature-256";
  static final String SECRET_KEY = "WEBHOOK_SECRET";
  static final String TOKEN_KEY = "WEBHOOK_TOKEN";
  private static final String DELIVERY_FORMAT = "[A-Za-z0-9._:-]{1,128}";

  /** The headers a delivery is judged by. */
  record Headers(String delivery, String timestamp, String signature, String authorization) {}

  /** Why a delivery is refused: the HTTP status and a message that names no secret. */
  record Refusal(int status, String message) {}

  private GenericAuth() {}

  /** The Secret's key that the authentication reads. */
  static String secretKey(String authentication) {
    return "bearer".equals(authentication) ? TOKEN_KEY : SECRET_KEY;
  }

  /** Empty when the delivery is authentic, fresh and names its id. */
  static Optional<Refusal> check(
      String authentication,
      String secret,
      Headers headers,
      byte[] body,
      Instant now,
      Duration window) {
    String timestamp = headers.timestamp() == null ? "" : headers.timestamp().strip();
    if ("bearer".equals(authentication)) {
      String given = headers.authorization() == null ? "" : headers.authorization().strip();
      if (!given.startsWith("Bearer ")
          || !MessageDigest.isEqual(
              given.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8),
              secret.getBytes(StandardCharsets.UTF_8))) {
        return Optional.of(new Refusal(401, "Authorization is not Bearer and the spawner's token"));
      }
    } else {
      byte[] signed = concat((timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
      if (!Signatures.verifies(secret, signed, headers.signature())) {
        return Optional.of(
            new Refusal(
                401,
                SIGNATURE
                    + " does not match "
                    + TIMESTAMP
                    + ", the body and the spawner's secret"));
      }
    }
    if (!timestamp.matches("[0-9]{1,12}")) {
      return Optional.of(new Refusal(400, TIMESTAMP + " must be the time in Unix seconds"));
    }
    Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
    if (Duration.between(sent, now).abs().compareTo(window) > 0) {
      return Optional.of(
          new Refusal(
              401,
              TIMESTAMP
                  + " is more than "
                  + window.toSeconds()
                  + "s from the controller's clock: a replay, or a clock to fix"));
    }
    if (headers.delivery() == null || !headers.delivery().matches(DELIVERY_FORMAT)) {
      return Optional.of(
          new Refusal(400, DELIVERY + " must be 1 to 128 letters, digits and . _ : -"));
    }
    return Optional.empty();
  }

  /** The signature header's value for this timestamp and body, as a sender computes it. */
  static String sign(String secret, String timestamp, byte[] body) {
    return Signatures.sign(
        secret, concat((timestamp + ".").getBytes(StandardCharsets.UTF_8), body));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}

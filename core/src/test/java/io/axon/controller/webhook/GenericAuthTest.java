package io.axon.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GenericAuthTest {
  static final String SECRET = "generic secret";
  static final byte[] BODY = "{\"alert\":{\"id\":\"a-1\"}}".getBytes(StandardCharsets.UTF_8);
  static final String STAMP = "1700000000";
  // printf '%s' '1700000000.{"alert":{"id":"a-1"}}' | openssl dgst -sha256 -hmac 'generic secret'
  static final String SIGNED =
      "sha256=63b1967f58296f954aae0fa7c7507fcac869692f144fdc01b516ce0c2470903d";
  static final Instant NOW = Instant.ofEpochSecond(1_700_000_030L);
  static final Duration WINDOW = Duration.ofMinutes(5);

  static GenericAuth.Headers headers(String delivery, String stamp, String signature) {
    return new GenericAuth.Headers(delivery, stamp, signature, null);
  }

  @Test
  void signsTheTimestampAndTheBodyAsOpensslDoes() {
    assertThat(GenericAuth.sign(SECRET, STAMP, BODY)).isEqualTo(SIGNED);
    assertThat(GenericAuth.check("hmac", SECRET, headers("d-1", STAMP, SIGNED), BODY, NOW, WINDOW))
        .isEmpty();
  }

  @Test
  void refusesAnotherSecretBodyOrTimestamp() {
    assertThat(GenericAuth.check("hmac", "other", headers("d-1", STAMP, SIGNED), BODY, NOW, WINDOW))
        .get()
        .extracting(GenericAuth.Refusal::status)
        .isEqualTo(401);
    assertThat(
            GenericAuth.check(
                "hmac", SECRET, headers("d-1", STAMP, SIGNED), "{}".getBytes(), NOW, WINDOW))
        .isPresent();
    // A replayer who moves the timestamp breaks the signature.
    assertThat(
            GenericAuth.check(
                "hmac", SECRET, headers("d-1", "1700000029", SIGNED), BODY, NOW, WINDOW))
        .get()
        .extracting(GenericAuth.Refusal::status)
        .isEqualTo(401);
    assertThat(GenericAuth.check("hmac", SECRET, headers("d-1", STAMP, null), BODY, NOW, WINDOW))
        .isPresent();
  }

  @Test
  void refusesASignedDeliveryOutsideTheWindow() {
    var refusal =
        GenericAuth.check(
            "hmac",
            SECRET,
            headers("d-1", STAMP, SIGNED),
            BODY,
            NOW.plus(Duration.ofMinutes(6)),
            WINDOW);
    assertThat(refusal).get().extracting(GenericAuth.Refusal::status).isEqualTo(401);
    assertThat(refusal.get().message()).contains("a replay");
  }

  @Test
  void needsADeliveryIdOfSafeCharacters() {
    assertThat(GenericAuth.check("hmac", SECRET, headers(null, STAMP, SIGNED), BODY, NOW, WINDOW))
        .get()
        .extracting(GenericAuth.Refusal::status)
        .isEqualTo(400);
    assertThat(
            GenericAuth.check(
                "hmac", SECRET, headers("d-1\u001b[2J", STAMP, SIGNED), BODY, NOW, WINDOW))
        .isPresent();
  }

  @Test
  void bearerComparesTheToken() {
    String now = String.valueOf(NOW.getEpochSecond());
    assertThat(
            GenericAuth.check(
                "bearer",
                "tok",
                new GenericAuth.Headers("d-1", now, null, "Bearer tok"),
                BODY,
                NOW,
                WINDOW))
        .isEmpty();
    assertThat(
            GenericAuth.check(
                "bearer",
                "tok",
                new GenericAuth.Headers("d-1", now, null, "Bearer toke"),
                BODY,
                NOW,
                WINDOW))
        .get()
        .extracting(GenericAuth.Refusal::status)
        .isEqualTo(401);
    assertThat(
            GenericAuth.check(
                "bearer",
                "tok",
                new GenericAuth.Headers("d-1", now, null, null),
                BODY,
                NOW,
                WINDOW))
        .isPresent();
    assertThat(GenericAuth.secretKey("bearer")).isEqualTo("WEBHOOK_TOKEN");
    assertThat(GenericAuth.secretKey("hmac")).isEqualTo("WEBHOOK_SECRET");
  }
}

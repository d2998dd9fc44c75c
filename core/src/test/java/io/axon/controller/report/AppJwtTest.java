package io.axon.controller.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppJwtTest {
  @TempDir Path dir;

  @Test
  void signsWhatGitHubChecksWithAPkcs1Key() throws Exception {
    String pem = AppKeys.pkcs1(dir);
    assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    Instant now = Instant.parse("2026-12-03T06:00:00Z");
    String[] jwt = AppJwt.sign("123456", pem, now).split("\\.");
    assertThat(jwt).hasSize(3);
    Base64.Decoder url = Base64.getUrlDecoder();
    assertThat(new JsonObject(new String(url.decode(jwt[0]), StandardCharsets.UTF_8)))
        .isEqualTo(new JsonObject().put("alg", "RS256").put("typ", "JWT"));
    JsonObject claims = new JsonObject(new String(url.decode(jwt[1]), StandardCharsets.UTF_8));
    assertThat(claims.getLong("iat")).isEqualTo(now.getEpochSecond() - 60);
    assertThat(claims.getLong("exp")).isEqualTo(now.getEpochSecond() + 540);
    assertThat(claims.getString("iss")).isEqualTo("123456");
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(AppKeys.publicKey(pem));
    rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rsa.verify(url.decode(jwt[2]))).isTrue();
  }

  @Test
  void aKeyThatIsNoKeySaysSoWithoutShowingIt() {
    assertThatThrownBy(
            () ->
                AppJwt.sign(
                    "1", "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0\n-----END", Instant.now()))
        .isInstanceOf(ReportProblem.class)
        .hasMessage("GITHUB_APP_PRIVATE_KEY is not an RSA private key in PEM (PKCS#1 or PKCS#8)");
  }
}

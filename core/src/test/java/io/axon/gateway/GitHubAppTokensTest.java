package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Installation tokens from a scripted GitHub on loopback: the request is signed by the App's key
 * (checked with its public key), asks for the one repository and the Task's permissions only, and a
 * token is reused until shortly before it expires, then minted again.
 */
class GitHubAppTokensTest {
  record Seen(String authorization, String path, JsonObject body) {}

  static final KeyPair KEYS = keys();
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T06:00:00Z"));
  HttpServer github;
  String apiBase;
  int status = 201;

  @BeforeEach
  void start() throws IOException {
    github = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    github.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          seen.add(
              new Seen(
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  exchange.getRequestURI().getPath(),
                  new JsonObject(body)));
          byte[] answer =
              new JsonObject()
                  .put("token", "ghs_minted_" + seen.size())
                  .put("expires_at", clock.instant().plus(Duration.ofHours(1)).toString())
                  .encode()
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    github.start();
    apiBase = "http://127.0.0.1:" + github.getAddress().getPort() + "/api/v3";
  }

  @AfterEach
  void stop() {
    github.stop(0);
  }

  @Test
  void mintsADownscopedTokenSignedByTheApp() throws Exception {
    GitHubAppTokens tokens = new GitHubAppTokens(HttpClient.newHttpClient(), clock);
    GitHubAppTokens.App app = new GitHubAppTokens.App("12345", 678, pkcs1Pem());

    assertThat(tokens.token(apiBase, app, "app")).isEqualTo("ghs_minted_1");

    Seen request = seen.get(0);
    assertThat(request.path()).isEqualTo("/api/v3/app/installations/678/access_tokens");
    assertThat(request.body().getJsonArray("repositories").getList()).containsExactly("app");
    assertThat(request.body().getJsonObject("permissions").getMap())
        .containsOnlyKeys("contents", "pull_requests", "issues", "metadata")
        .containsEntry("contents", "write")
        .containsEntry("metadata", "read");
    String[] jwt = request.authorization().substring("Bearer ".length()).split("\\.");
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(KEYS.getPublic());
    rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
    JsonObject claims =
        new JsonObject(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
    assertThat(claims.getString("iss")).isEqualTo("12345");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isLessThanOrEqualTo(600);
  }

  @Test
  void reusesATokenThenRefreshesItBeforeItsHourRunsOut() throws Exception {
    GitHubAppTokens tokens = new GitHubAppTokens(HttpClient.newHttpClient(), clock);
    GitHubAppTokens.App app = new GitHubAppTokens.App("12345", 678, pkcs8Pem());
    assertThat(tokens.token(apiBase, app, "app")).isEqualTo("ghs_minted_1");
    clock.advance(Duration.ofMinutes(45));
    assertThat(tokens.token(apiBase, app, "app")).isEqualTo("ghs_minted_1");
    clock.advance(Duration.ofMinutes(6)); // 51 minutes: less than 10 left
    assertThat(tokens.token(apiBase, app, "app")).isEqualTo("ghs_minted_2");
    assertThat(tokens.token(apiBase, app, "other")).isEqualTo("ghs_minted_3");
    assertThat(seen).hasSize(3);
  }

  @Test
  void aRefusalOrABadKeySaysSoWithoutTheKey() {
    GitHubAppTokens tokens = new GitHubAppTokens(HttpClient.newHttpClient(), clock);
    status = 401;
    assertThatThrownBy(
            () -> tokens.token(apiBase, new GitHubAppTokens.App("1", 2, pkcs8Pem()), "app"))
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining("PRIVATE");
    assertThatThrownBy(
            () -> tokens.token(apiBase, new GitHubAppTokens.App("1", 2, "not a key"), "app"))
        .hasMessageContaining("cannot sign");
  }

  static String pkcs8Pem() {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(KEYS.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /**
   * GitHub's form: the PKCS#1 key inside the PKCS#8 encoding (after its 26-byte header for RSA
   * 2048).
   */
  static String pkcs1Pem() {
    byte[] pkcs8 = KEYS.getPrivate().getEncoded();
    byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
    assertThat(GitHubAppTokens.pkcs1ToPkcs8(pkcs1)).isEqualTo(pkcs8);
    return "-----BEGIN RSA PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(pkcs1)
        + "\n-----END RSA PRIVATE KEY-----\n";
  }

  static KeyPair keys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}

package io.axon.controller.report;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitHub App installation tokens, each asked for with a fresh {@link AppJwt} and reused until five
 * minutes before it expires (GitHub gives an hour). Bounded: the least recently used are dropped.
 * Thread-safe; blocking.
 */
final class AppTokens {
  static final int MAX_CACHED = 256;
  static final Duration EARLY = Duration.ofMinutes(5);

  private record Token(String value, Instant expires) {}

  private final Object fetching = new Object();
  private final HttpClient http;
  private final Clock clock;
  private final Map<String, Token> tokens =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Token> eldest) {
          return size() > MAX_CACHED;
        }
      };

  AppTokens(HttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /**
   * A token of the installation, from the cache or from GitHub. One asks GitHub at a time, so
   * reports made together share one new token.
   */
  String token(String apiBaseURL, String appId, String installationId, String privateKeyPem) {
    synchronized (fetching) {
      return cachedOrNew(apiBaseURL, appId, installationId, privateKeyPem);
    }
  }

  private String cachedOrNew(
      String apiBaseURL, String appId, String installationId, String privateKeyPem) {
    String key = apiBaseURL + "|" + appId + "|" + installationId + "|" + privateKeyPem.hashCode();
    Instant now = clock.instant();
    synchronized (tokens) {
      Token cached = tokens.get(key);
      if (cached != null && cached.expires().minus(EARLY).isAfter(now)) {
        return cached.value();
      }
    }
    String jwt = AppJwt.sign(appId, privateKeyPem, now);
    var answer =
        new GitHubApi(http, apiBaseURL, "Bearer " + jwt)
            .post(
                "/app/installations/" + installationId + "/access_tokens",
                new io.vertx.core.json.JsonObject());
    String value = answer.getString("token");
    if (value == null || value.isBlank()) {
      throw new GitHubWriteException(0, "GitHub answered no installation token");
    }
    Instant expires;
    try {
      expires = Instant.parse(answer.getString("expires_at", ""));
    } catch (DateTimeParseException e) {
      expires = now.plus(EARLY.multipliedBy(2));
    }
    synchronized (tokens) {
      tokens.put(key, new Token(value, expires));
    }
    return value;
  }
}

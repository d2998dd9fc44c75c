package io.axon.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitHub App installation tokens for the gateway: minted with the App's JWT, <em>downscoped</em> to
 * the one repository and the permissions a Task needs (contents, pull requests and issues: write;
 * metadata: read), kept until {@link #REFRESH_BEFORE} before they expire (GitHub gives an hour),
 * then minted again. The agent never sees one: the gateway puts it in upstream.
 */
public final class GitHubAppTokens {
  static final Duration REFRESH_BEFORE = Duration.ofMinutes(10);
  static final int MAX_CACHED = 1_000;
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** A Workspace Secret's App credentials. */
  public record App(String appId, long installationId, String privateKeyPem) {
    @Override
    public String toString() {
      return "App[" + appId + ", installation " + installationId + "]";
    }
  }

  private record Key(String apiBase, String appId, long installationId, String repo) {}

  private record Minted(String token, Instant expiresAt) {}

  private final HttpClient http;
  private final Clock clock;
  private final Map<Key, Minted> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Minted> eldest) {
          return size() > MAX_CACHED;
        }
      };

  public GitHubAppTokens(HttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /**
   * A token for {@code repo} (its name, without the owner), minted or cached. Blocks: call it off
   * the event loop.
   *
   * @throws IOException when GitHub refuses or cannot be reached; the message never holds a key
   */
  public String token(String apiBase, App app, String repo) throws IOException {
    Key key = new Key(apiBase, app.appId(), app.installationId(), repo);
    synchronized (cache) {
      Minted minted = cache.get(key);
      if (minted != null && clock.instant().plus(REFRESH_BEFORE).isBefore(minted.expiresAt())) {
        return minted.token();
      }
    }
    Minted fresh = mint(apiBase, app, repo);
    synchronized (cache) {
      cache.put(key, fresh);
    }
    return fresh.token();
  }

  private Minted mint(String apiBase, App app, String repo) throws IOException {
    JsonObject body =
        new JsonObject()
            .put("repositories", new JsonArray().add(repo))
            .put(
                "permissions",
                new JsonObject()
                    .put("contents", "write")
                    .put("pull_requests", "write")
                    .put("issues", "write")
                    .put("metadata", "read"));
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    apiBase + "/app/installations/" + app.installationId() + "/access_tokens"))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + jwt(app))
            .header("Accept", "application/vnd.github+json")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while minting a GitHub App token");
    }
    if (response.statusCode() != 201) {
      throw new IOException(
          "GitHub refused an installation token for " + app + ": HTTP " + response.statusCode());
    }
    try {
      JsonObject answer = new JsonObject(response.body());
      return new Minted(answer.getString("token"), Instant.parse(answer.getString("expires_at")));
    } catch (RuntimeException e) {
      throw new IOException("GitHub answered an installation token request with something else");
    }
  }

  /** The App's JWT: RS256, issued a minute in the past (clock skew), valid nine minutes. */
  String jwt(App app) throws IOException {
    long now = clock.instant().getEpochSecond();
    String header = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        base64(
            new JsonObject()
                .put("iat", now - 60)
                .put("exp", now + 540)
                .put("iss", app.appId())
                .encode()
                .getBytes(StandardCharsets.UTF_8));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(privateKey(app.privateKeyPem()));
      rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      return header + "." + payload + "." + base64(rsa.sign());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("the GitHub App's private key cannot sign (is it the App's PEM?)");
    }
  }

  /**
   * A PEM private key: PKCS#8 ({@code BEGIN PRIVATE KEY}) or GitHub's PKCS#1 ({@code BEGIN RSA}).
   */
  static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(base64);
    if (pkcs1) {
      der = pkcs1ToPkcs8(der);
    }
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption). */
  static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = concat(new byte[] {0x04}, length(pkcs1.length), pkcs1);
    byte[] content = concat(version, algorithm, octets);
    return concat(new byte[] {0x30}, length(content.length), content);
  }

  private static byte[] length(int length) {
    if (length < 0x80) {
      return new byte[] {(byte) length};
    }
    if (length < 0x100) {
      return new byte[] {(byte) 0x81, (byte) length};
    }
    if (length < 0x10000) {
      return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
    }
    return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
  }

  private static byte[] concat(byte[]... parts) {
    int size = 0;
    for (byte[] part : parts) {
      size += part.length;
    }
    byte[] out = new byte[size];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  private static String base64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

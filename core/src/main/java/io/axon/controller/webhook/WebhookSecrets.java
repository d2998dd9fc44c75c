package io.axon.controller.webhook;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spawners' webhook secrets ({@value #SECRET_KEY} of the Secret their {@code spec.webhook} names),
 * read by name and kept {@link #SECRET_TTL}, so a burst of deliveries costs one read; a changed
 * secret applies within that time. Bounded; thread-safe; blocking. Values are never logged.
 */
final class WebhookSecrets {
  static final String SECRET_KEY = "GITHUB_WEBHOOK_SECRET";
  static final Duration SECRET_TTL = Duration.ofSeconds(30);
  static final int MAX_SECRETS = 256;

  private record CachedSecret(String value, Instant until) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, CachedSecret> secrets =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedSecret> eldest) {
          return size() > MAX_SECRETS;
        }
      };

  WebhookSecrets(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * @throws IllegalStateException when the Secret or its key is missing (the message names them)
   */
  String get(String namespace, String name) {
    return get(namespace, name, SECRET_KEY);
  }

  /** The value of {@code key} of the Secret, as {@link #get(String, String)}. */
  String get(String namespace, String name, String key) {
    String id = namespace + "/" + name + "#" + key;
    Instant now = clock.instant();
    synchronized (secrets) {
      CachedSecret cached = secrets.get(id);
      if (cached != null && cached.until().isAfter(now)) {
        return cached.value();
      }
    }
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      throw new IllegalStateException("Secret " + namespace + "/" + name + " not found");
    }
    String value = value(secret, key);
    if (value == null) {
      throw new IllegalStateException(
          "Secret " + namespace + "/" + name + " has no " + key + " key");
    }
    synchronized (secrets) {
      secrets.put(id, new CachedSecret(value, now.plus(SECRET_TTL)));
    }
    return value;
  }

  private static String value(Secret secret, String key) {
    String data = secret.getData() == null ? null : secret.getData().get(key);
    if (data != null) {
      String decoded = new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8);
      return decoded.isEmpty() ? null : decoded;
    }
    String plain = secret.getStringData() == null ? null : secret.getStringData().get(key);
    return plain == null || plain.isEmpty() ? null : plain;
  }
}

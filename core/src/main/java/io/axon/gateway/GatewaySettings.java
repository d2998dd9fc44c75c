package io.axon.gateway;

import io.axon.controller.duration.GoDuration;
import io.axon.install.NamespacedRbac;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the gateway runs. Read from {@code /etc/axon/gateway.yaml} (or {@code $AXON_GATEWAY_CONFIG})
 * by {@link GatewayMain}; every key is optional:
 *
 * <pre>
 * host: 0.0.0.0
 * port: 8080
 * modelBaseURL: https://api.anthropic.com
 * openaiBaseURL: https://api.openai.com/v1
 * geminiBaseURL: https://generativelanguage.googleapis.com
 * githubAPIBaseURL: https://api.github.com     # GitHub Enterprise: https://HOST/api/v3
 * allowHosts: [registry.npmjs.org]             # for every Task, beside each Task's own
 * namespaces: [team-a, team-b]                 # serve only these (Roles there); default: all
 * grantCacheTTL: 30s                           # how long a Task's grant is kept before re-read
 * </pre>
 */
public record GatewaySettings(
    String host,
    int port,
    String modelBaseUrl,
    String openaiBaseUrl,
    String geminiBaseUrl,
    String githubApiBaseUrl,
    List<String> allowHosts,
    List<String> namespaces,
    Duration grantCacheTtl) {
  public static final Duration DEFAULT_GRANT_CACHE_TTL = Duration.ofSeconds(30);

  /**
   * Bounds a grant's life in the cache: what it was read from (credentials, the Workspace, the
   * Secret's allowed hosts, GatewayPolicies) changes for a running Task within this long.
   */
  public static final Duration MAX_GRANT_CACHE_TTL = Duration.ofMinutes(5);

  /**
   * @throws IllegalArgumentException naming a bad {@code allowHosts} or {@code namespaces} entry
   */
  public GatewaySettings {
    allowHosts = List.copyOf(allowHosts);
    EgressRule.parse(allowHosts); // refuses a bad entry at start-up, not at each Task's first call
    namespaces = namespaces.stream().map(String::strip).distinct().toList();
    for (String namespace : namespaces) {
      if (!NamespacedRbac.isNamespaceName(namespace)) {
        throw new IllegalArgumentException(
            ("namespaces: \"%s\" is not a namespace name (lower-case letters, digits and '-', at"
                    + " most 63; for example namespaces: [team-a, team-b])")
                .formatted(namespace));
      }
    }
    Objects.requireNonNull(grantCacheTtl, "grantCacheTtl");
  }

  /**
   * @throws IllegalArgumentException naming the key of a bad value and what it takes
   */
  public static GatewaySettings fromJson(JsonObject json) {
    return new GatewaySettings(
        json.getString("host", "0.0.0.0"),
        json.getInteger("port", 8080),
        trim(json.getString("modelBaseURL", "https://api.anthropic.com")),
        trim(json.getString("openaiBaseURL", "https://api.openai.com/v1")),
        trim(json.getString("geminiBaseURL", "https://generativelanguage.googleapis.com")),
        trim(json.getString("githubAPIBaseURL", "https://api.github.com")),
        strings(json, "allowHosts", "[registry.npmjs.org]"),
        strings(json, "namespaces", "[team-a, team-b]"),
        grantCacheTtl(json));
  }

  /** {@code grantCacheTTL}: a duration as Go writes it, above 0 and at most 5m; default 30s. */
  private static Duration grantCacheTtl(JsonObject json) {
    Object value = json.getValue("grantCacheTTL");
    if (value == null) {
      return DEFAULT_GRANT_CACHE_TTL;
    }
    if (!(value instanceof String text)) {
      // YAML reads a bare 30 as a number: say which unit is wanted rather than guess one.
      throw new IllegalArgumentException(
          "grantCacheTTL: a duration with its unit is expected, for example grantCacheTTL: 30s");
    }
    Duration ttl;
    try {
      ttl = GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("grantCacheTTL: " + e.getMessage());
    }
    if (ttl.isZero() || ttl.compareTo(MAX_GRANT_CACHE_TTL) > 0) {
      throw new IllegalArgumentException(
          "grantCacheTTL: %s is out of range: more than 0 and at most 5m (default 30s)"
              .formatted(text.strip()));
    }
    return ttl;
  }

  /** A list of strings, or none; anything else is refused naming the key and an example. */
  private static List<String> strings(JsonObject json, String key, String example) {
    Object value = json.getValue(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray list)
        || list.stream().anyMatch(entry -> !(entry instanceof String))) {
      throw new IllegalArgumentException(
          "%s: a list of names is expected, for example %s: %s".formatted(key, key, example));
    }
    return list.stream().map(String.class::cast).toList();
  }

  /** Where {@code provider}'s requests go upstream. */
  public String modelBaseUrl(ModelProvider provider) {
    return switch (provider) {
      case ANTHROPIC -> modelBaseUrl;
      case OPENAI -> openaiBaseUrl;
      case GEMINI -> geminiBaseUrl;
    };
  }

  private static String trim(String url) {
    return url.replaceAll("/+$", "");
  }
}

package io.axon.gateway;

import io.axon.install.NamespacedRbac;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

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
    List<String> namespaces) {

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
  }

  public static GatewaySettings fromJson(JsonObject json) {
    return new GatewaySettings(
        json.getString("host", "0.0.0.0"),
        json.getInteger("port", 8080),
        trim(json.getString("modelBaseURL", "https://api.anthropic.com")),
        trim(json.getString("openaiBaseURL", "https://api.openai.com/v1")),
        trim(json.getString("geminiBaseURL", "https://generativelanguage.googleapis.com")),
        trim(json.getString("githubAPIBaseURL", "https://api.github.com")),
        strings(json, "allowHosts", "[registry.npmjs.org]"),
        strings(json, "namespaces", "[team-a, team-b]"));
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

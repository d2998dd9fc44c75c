package io.axon.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The model APIs the gateway speaks: where each client puts its key, which paths are the API, and
 * how the real credential goes upstream. One Task's token is good for its own agent's API only.
 */
public enum ModelProvider {
  /** Claude Code, OpenCode: {@code x-api-key}, or {@code Authorization: Bearer} for OAuth. */
  ANTHROPIC("/anthropic", "ANTHROPIC_BASE_URL", Pattern.compile("/v1/.*"), "/v1/..."),
  /**
   * Codex: {@code Authorization: Bearer}; the base URL (the agent's and the upstream's) ends in
   * {@code /v1}, so paths are the API's below it ({@code /responses}, {@code /models}).
   */
  OPENAI("/openai", "OPENAI_BASE_URL", Pattern.compile("/[a-z].*"), "/responses, /models, ..."),
  /** The Gemini CLI: {@code x-goog-api-key}, or the {@code key} query parameter. */
  GEMINI(
      "/gemini",
      "GOOGLE_GEMINI_BASE_URL",
      Pattern.compile("/v1(beta|alpha)?/.*"),
      "/v1beta/..., /v1/...");

  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("x-api-key", "authorization", "x-goog-api-key");

  private final String prefix;
  private final String baseUrlEnvVar;
  private final Pattern paths;
  private final String pathsShown;

  ModelProvider(String prefix, String baseUrlEnvVar, Pattern paths, String pathsShown) {
    this.prefix = prefix;
    this.baseUrlEnvVar = baseUrlEnvVar;
    this.paths = paths;
    this.pathsShown = pathsShown;
  }

  /** The API's paths, as a refusal names them. */
  String pathsShown() {
    return pathsShown;
  }

  /** The gateway's path prefix for this API. */
  public String prefix() {
    return prefix;
  }

  /** The variable the agent CLI reads its base URL from. */
  public String baseUrlEnvVar() {
    return baseUrlEnvVar;
  }

  /**
   * The API an agent whose base URL is read from {@code baseUrlEnvVar} speaks, if the gateway does.
   */
  public static Optional<ModelProvider> forBaseUrlEnvVar(String baseUrlEnvVar) {
    return Arrays.stream(values()).filter(p -> p.baseUrlEnvVar.equals(baseUrlEnvVar)).findFirst();
  }

  /** The provider whose prefix starts {@code path}, if any. */
  static Optional<ModelProvider> forPath(String path) {
    return Arrays.stream(values()).filter(p -> path.startsWith(p.prefix + "/")).findFirst();
  }

  /** Whether {@code rest} (the path after the prefix) is this API's and in canonical form. */
  boolean isApiPath(String rest) {
    String lower = rest.toLowerCase(Locale.ROOT);
    return paths.matcher(rest).matches()
        && !rest.contains("//")
        && !rest.contains("/../")
        && !rest.endsWith("/..")
        && !rest.contains("/./")
        && !lower.contains("%2e")
        && !lower.contains("%2f");
  }

  /** Where this API's client puts its key (the per-Task token here). */
  String token(HttpServerRequest in) {
    return switch (this) {
      case ANTHROPIC -> {
        String key = in.getHeader("x-api-key");
        yield key != null ? key : bearer(in.getHeader("Authorization"));
      }
      case OPENAI -> bearer(in.getHeader("Authorization"));
      case GEMINI -> {
        String key = in.getHeader("x-goog-api-key");
        yield key != null ? key : in.getParam("key");
      }
    };
  }

  /** The request's headers with every credential the agent sent replaced by the real one. */
  MultiMap upstreamHeaders(HttpServerRequest in, TaskGrant grant) {
    MultiMap headers = Forwarder.upstreamHeaders(in, CREDENTIAL_HEADERS);
    switch (this) {
      case ANTHROPIC -> {
        if (grant.oauth()) {
          headers.set("Authorization", "Bearer " + grant.modelCredential());
        } else {
          headers.set("x-api-key", grant.modelCredential());
        }
      }
      case OPENAI -> headers.set("Authorization", "Bearer " + grant.modelCredential());
      case GEMINI -> headers.set("x-goog-api-key", grant.modelCredential());
    }
    return headers;
  }

  /** The request's query without the agent's {@code key} parameter (Gemini's), with its '?'. */
  static String queryWithoutKey(String query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    String kept =
        Arrays.stream(query.split("&"))
            .filter(p -> !(p.equals("key") || p.startsWith("key=")))
            .reduce((a, b) -> a + "&" + b)
            .orElse("");
    return kept.isEmpty() ? "" : "?" + kept;
  }

  private static String bearer(String header) {
    if (header != null && header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      return header.substring(7).strip();
    }
    return null;
  }
}

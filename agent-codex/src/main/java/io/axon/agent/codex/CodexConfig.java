package io.axon.agent.codex;

/**
 * The {@code ~/.codex/config.toml} each run gets: one model provider on the Responses API whose
 * base URL is the configured one (Codex ignores {@code OPENAI_BASE_URL} itself), few retries, and
 * no analytics or telemetry (they would reach public hosts).
 */
final class CodexConfig {

  /** Below the agent's HOME. */
  static final String PATH = ".codex/config.toml";

  private CodexConfig() {}

  static String toml(String baseUrl) {
    return """
        # Written by Axon for this run.
        model_provider = "axon"

        [model_providers.axon]
        name = "OpenAI (via Axon)"
        base_url = %s
        wire_api = "responses"
        env_key = "OPENAI_API_KEY"
        request_max_retries = 2
        stream_max_retries = 2

        [analytics]
        enabled = false

        [otel]
        exporter = "none"
        """
        .formatted(basicString(baseUrl));
  }

  /** A TOML basic string: quotes and backslashes escaped, control characters refused. */
  static String basicString(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("the model API's base URL holds a control character");
      }
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }
}

package io.axon.spi.agent;

import java.util.Objects;

/**
 * Where an agent CLI sends its model requests.
 *
 * @param baseUrlEnvVar the environment variable that points the CLI (or its runtime) at another
 *     address, for example {@code OPENAI_BASE_URL}: a gateway, a proxy, a test server
 * @param defaultBaseUrl the vendor's address when that variable is unset, for example {@code
 *     https://api.openai.com/v1}
 */
public record ModelApi(String baseUrlEnvVar, String defaultBaseUrl) {
  public ModelApi {
    Objects.requireNonNull(baseUrlEnvVar, "baseUrlEnvVar");
    Objects.requireNonNull(defaultBaseUrl, "defaultBaseUrl");
  }

  /** The base URL to use given an environment. */
  public String baseUrl(java.util.Map<String, String> env) {
    String value = env.get(baseUrlEnvVar);
    return value == null || value.isBlank() ? defaultBaseUrl : value.strip();
  }
}

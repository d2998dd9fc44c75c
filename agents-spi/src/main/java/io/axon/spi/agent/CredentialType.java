package io.axon.spi.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Optional;

/** How an agent authenticates to its model provider. */
public enum CredentialType {
  @JsonProperty("api-key")
  API_KEY("api-key"),
  @JsonProperty("oauth")
  OAUTH("oauth"),
  /**
   * No credential from a Secret: the agent authenticates through workload identity (the pod's
   * service account). {@link AgentRuntime#credentialEnvVar} is never asked for it.
   */
  @JsonProperty("none")
  NONE("none");

  private final String value;

  CredentialType(String value) {
    this.value = value;
  }

  /** The spelling used in YAML and on the command line. */
  public String value() {
    return value;
  }

  /** Parses the YAML spelling ({@code api-key}, {@code oauth} or {@code none}). */
  public static Optional<CredentialType> fromValue(String value) {
    return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
  }

  @Override
  public String toString() {
    return value;
  }
}

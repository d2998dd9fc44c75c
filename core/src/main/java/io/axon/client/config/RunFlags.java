package io.axon.client.config;

import io.axon.spi.agent.CredentialType;
import java.util.Optional;

/**
 * The flags of {@code axon run} that override the config file; empty when not given.
 *
 * @param secret {@code --secret}
 * @param credentialType {@code --credential-type}
 * @param workspace {@code --workspace}
 * @param model {@code --model}
 * @param namespace {@code -n/--namespace}
 */
public record RunFlags(
    Optional<String> secret,
    Optional<CredentialType> credentialType,
    Optional<String> workspace,
    Optional<String> model,
    Optional<String> namespace) {

  /** No flags given. */
  public static RunFlags none() {
    return new RunFlags(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}

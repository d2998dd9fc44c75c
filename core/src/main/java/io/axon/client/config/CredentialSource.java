package io.axon.client.config;

import io.axon.spi.agent.CredentialType;
import java.util.Objects;

/** Where a Task's model credentials come from. */
public sealed interface CredentialSource {

  /** The credential type the Task declares. */
  CredentialType type();

  /** A Secret that already exists in the cluster (the {@code --secret} flag or {@code secret}). */
  record ExistingSecret(String name, CredentialType type) implements CredentialSource {
    public ExistingSecret {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /** A token from the config file ({@code oauthToken} or {@code apiKey}) to put into a Secret. */
  record Token(CredentialType type, String token) implements CredentialSource {
    public Token {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(token, "token");
    }

    /** Leaves the token out. */
    @Override
    public String toString() {
      return "Token[type=" + type + "]";
    }
  }
}

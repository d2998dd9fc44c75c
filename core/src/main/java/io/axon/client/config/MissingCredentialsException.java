package io.axon.client.config;

/** Neither the flags nor the config file say how the agent authenticates. */
public class MissingCredentialsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MissingCredentialsException(String message) {
    super(message);
  }
}

package io.axon.client.config;

/** The config file cannot be used: it is not valid YAML or a key has the wrong kind of value. */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}

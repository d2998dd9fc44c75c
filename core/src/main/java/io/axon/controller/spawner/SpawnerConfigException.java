package io.axon.controller.spawner;

/**
 * A TaskSpawner cannot poll as it stands: its message says what is wrong and what to do, and its
 * reason becomes the {@code Ready=False} condition's reason.
 */
public class SpawnerConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public SpawnerConfigException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** One of the {@code SpawnerConditions.REASON_*} values. */
  public String reason() {
    return reason;
  }
}

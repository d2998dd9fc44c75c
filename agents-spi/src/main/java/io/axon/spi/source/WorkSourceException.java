package io.axon.spi.source;

import java.time.Instant;
import java.util.Optional;

/** A source could not answer. Its message is shown to people in the TaskSpawner's status. */
public class WorkSourceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a source failed, so the controller can say and do the right thing. */
  public enum Reason {
    /** The settings cannot work (bad repository URL, unknown state). */
    INVALID_CONFIG,
    /** The credentials were refused. */
    UNAUTHORIZED,
    /** The repository or project does not exist or is not visible with these credentials. */
    NOT_FOUND,
    /** A rate limit was hit; see {@link #retryAt()}. */
    RATE_LIMITED,
    /** The source could not be reached or answered with a server error. */
    UNAVAILABLE
  }

  private final Reason reason;
  private final transient Instant retryAt;

  public WorkSourceException(Reason reason, String message) {
    this(reason, message, null, null);
  }

  public WorkSourceException(Reason reason, String message, Instant retryAt, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.retryAt = retryAt;
  }

  public Reason reason() {
    return reason;
  }

  /** The earliest time to try again, when the source said. */
  public Optional<Instant> retryAt() {
    return Optional.ofNullable(retryAt);
  }
}

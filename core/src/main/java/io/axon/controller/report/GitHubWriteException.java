package io.axon.controller.report;

/** GitHub refused or failed a reporting call; the message is safe to log (no token, no body). */
public final class GitHubWriteException extends RuntimeException {
  private final int status;

  public GitHubWriteException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  public boolean notFound() {
    return status == 404;
  }
}

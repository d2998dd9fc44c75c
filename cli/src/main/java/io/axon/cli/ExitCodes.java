package io.axon.cli;

/** What {@code axon} exits with. */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;

  /** The command failed, or the Task it followed failed. */
  public static final int FAILURE = 1;

  /** The command line was wrong. */
  public static final int USAGE = 2;

  /** The run could not be set up: no credentials, a prompt that cannot be read. */
  public static final int SETUP = 2;

  /** {@code axon wait}: the timeout passed before what was waited for. */
  public static final int TIMEOUT = 3;

  private ExitCodes() {}
}

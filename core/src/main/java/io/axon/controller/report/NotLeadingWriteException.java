package io.axon.controller.report;

/**
 * A GitHub write not sent because this replica does not hold the Lease: a deposed leader whose
 * report was already running must not comment or move a Check Run, or two replicas would write.
 */
public final class NotLeadingWriteException extends RuntimeException {
  NotLeadingWriteException(String request) {
    super("Not sent, this replica does not hold the Lease: " + request);
  }
}

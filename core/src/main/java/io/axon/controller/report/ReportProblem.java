package io.axon.controller.report;

/**
 * Reporting cannot go on until someone changes something (a missing Secret, a host the Secret does
 * not allow): retrying would not help. The message says what to change and names no secret value.
 */
public final class ReportProblem extends RuntimeException {
  public ReportProblem(String message) {
    super(message);
  }
}

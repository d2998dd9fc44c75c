package io.axon.controller.status;

import io.axon.api.v1alpha1.TaskResult;

/** Puts a {@link FailureClassifier.Verdict} into the Task's {@code status.result}. */
final class ResultReasons {
  private ResultReasons() {}

  /** The agent's summary (or, without one, a result of its own) with the class and advice. */
  static TaskResult result(FailureClassifier.Verdict verdict) {
    TaskResult result = verdict.summary() == null ? new TaskResult() : verdict.summary();
    result.setOutcome(verdict.phase().name());
    result.setReason(verdict.reason().name());
    result.setAdvice(verdict.reason().advice());
    return result;
  }
}

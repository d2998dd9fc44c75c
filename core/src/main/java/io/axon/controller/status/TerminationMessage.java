package io.axon.controller.status;

import io.axon.api.v1alpha1.TaskResult;
import io.axon.spi.agent.RunResult;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Reads the agent's JSON run summary from its container's termination message. */
public final class TerminationMessage {
  private TerminationMessage() {}

  /**
   * Parses a summary.
   *
   * @throws IllegalArgumentException when the message is not a summary, saying why
   */
  public static TaskResult parse(String message) {
    RunResult run;
    try {
      run = Serialization.unmarshal(message, RunResult.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not valid JSON: " + firstLine(e.getMessage()), e);
    }
    if (run == null || run.outcome() == null) {
      throw new IllegalArgumentException("it has no \"outcome\"");
    }
    TaskResult result = new TaskResult();
    result.setOutcome(run.succeeded() ? "Succeeded" : "Failed");
    result.setReason(run.reason());
    result.setTurns(run.turns());
    result.setCostUSD(run.costUSD() == null ? null : formatCost(run.costUSD()));
    result.setInputTokens(run.inputTokens());
    result.setOutputTokens(run.outputTokens());
    result.setDurationMillis(run.durationMillis());
    result.setModel(run.model());
    result.setBranch(run.branch());
    result.setCommit(run.commit());
    result.setPullRequestURL(run.pullRequestURL());
    return result;
  }

  /** The agent's own message in a summary, if it has one. */
  public static String agentMessage(String message) {
    try {
      RunResult run = Serialization.unmarshal(message, RunResult.class);
      return run == null ? null : run.message();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Dollars with at least two and at most four decimals: 0.12, 0.0716. */
  static String formatCost(double usd) {
    BigDecimal value =
        BigDecimal.valueOf(usd).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    return value.scale() < 2
        ? value.setScale(2, RoundingMode.UNNECESSARY).toPlainString()
        : value.toPlainString();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}

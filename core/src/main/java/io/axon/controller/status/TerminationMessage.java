package io.axon.controller.status;

import io.axon.api.v1alpha1.TaskResult;
import io.axon.spi.agent.RunResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the agent's JSON run summary from its container's termination message, forward-compatibly:
 * fields it does not know are ignored (a newer agent image may add some) and the outcome is read
 * whatever its case. When a summary cannot be read, the message says exactly what is wrong.
 */
public final class TerminationMessage {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TerminationMessage() {}

  /**
   * Parses a summary.
   *
   * @throws IllegalArgumentException when the message is not a summary, saying why
   */
  public static TaskResult parse(String message) {
    RunResult run = read(message);
    TaskResult result = new TaskResult();
    result.setOutcome(run.succeeded() ? "Succeeded" : "Failed");
    // The class (status.result.reason) is decided by FailureClassifier from this and the pod.
    result.setAgentReason(run.reason());
    result.setWipBranch(wipBranch(message));
    result.setTurns(run.turns());
    result.setCostUSD(run.costUSD() == null ? null : formatCost(run.costUSD()));
    result.setInputTokens(run.inputTokens());
    result.setOutputTokens(run.outputTokens());
    result.setDurationMillis(run.durationMillis());
    result.setModel(run.model());
    result.setBranch(run.branch());
    result.setCommit(run.commit());
    result.setPullRequestURL(run.pullRequestURL());
    result.setSummary(bounded(run.message()));
    result.setLimit(run.limit());
    if (result.getWipBranch() == null && run.limit() != null) {
      // A limit's stop saves the work to the run's branch: that is where a retry carries on.
      result.setWipBranch(run.branch());
    }
    return result;
  }

  /**
   * The branch an entrypoint saved unfinished work to ({@code "wipBranch"}), read from the JSON
   * itself so that the summary record need not know the field.
   */
  private static String wipBranch(String message) {
    JsonNode branch = JSON.readTree(message).get("wipBranch");
    return branch != null && branch.isString() && !branch.asString().isBlank()
        ? branch.asString()
        : null;
  }

  /** The agent's own message in a summary, if it has one. */
  public static String agentMessage(String message) {
    try {
      return read(message).message();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The summary as a {@link RunResult}.
   *
   * @throws IllegalArgumentException when it is not a summary, saying why
   */
  static RunResult read(String message) {
    JsonNode tree;
    try {
      tree = JSON.readTree(message);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "it is not valid JSON: " + firstLine(e.getOriginalMessage()), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException(
          "it is not a JSON object but " + (tree == null ? "empty" : tree.getNodeType()));
    }
    JsonNode outcome = tree.get("outcome");
    if (outcome == null || outcome.isNull()) {
      throw new IllegalArgumentException("it has no \"outcome\"");
    }
    if (!outcome.isString()
        || !(outcome.asString().equalsIgnoreCase("Succeeded")
            || outcome.asString().equalsIgnoreCase("Failed"))) {
      throw new IllegalArgumentException(
          "its \"outcome\" is %s: expected \"Succeeded\" or \"Failed\"".formatted(outcome));
    }
    try {
      return JSON.treeToValue(tree, RunResult.class);
    } catch (MismatchedInputException e) {
      throw new IllegalArgumentException(wrongField(e, tree), e);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "it is not a run summary: " + firstLine(e.getOriginalMessage()), e);
    }
  }

  /** {@code its "turns" is "eight": expected a whole number}, or as near as the error says. */
  private static String wrongField(MismatchedInputException e, JsonNode tree) {
    String field =
        e.getPath().stream()
            .map(JacksonException.Reference::getPropertyName)
            .filter(name -> name != null)
            .reduce((a, b) -> a + "." + b)
            .orElse(null);
    if (field == null) {
      return "it is not a run summary: " + firstLine(e.getOriginalMessage());
    }
    Class<?> type = e.getTargetType();
    String expected =
        type == Integer.class || type == Long.class || type == int.class || type == long.class
            ? "a whole number"
            : type == Double.class || type == double.class
                ? "a number"
                : type == String.class
                    ? "a string"
                    : type == null ? "another type" : type.getSimpleName();
    JsonNode value = tree.get(field);
    return "its \"%s\" is %s: expected %s"
        .formatted(field, value == null ? "wrong" : value.toString(), expected);
  }

  /** The agent's text, cut after {@link TaskResult#SUMMARY_MAX_CHARS} (whole code points). */
  static String bounded(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.codePointCount(0, text.length()) <= TaskResult.SUMMARY_MAX_CHARS) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, TaskResult.SUMMARY_MAX_CHARS)) + "…";
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

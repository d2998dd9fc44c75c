package io.axon.cli.commands;

import io.axon.api.v1alpha1.TaskLimits;
import io.axon.cli.ExitCodes;
import io.axon.cli.UserException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code axon run}'s limits on one run, besides {@code --max-turns}: a Task's {@code spec.limits}
 * on a cluster, the entrypoint's variables with {@code --local}. Either way the agent is stopped
 * when one is reached and its work so far is saved to a branch.
 */
final class LimitOptions {
  static final Duration LONGEST = Duration.ofDays(7);

  @Option(
      names = "--max-cost-usd",
      paramLabel = "USD",
      description = "Stop the agent when the run has cost this many US dollars (e.g. 2.50).")
  BigDecimal maxCostUSD;

  @Option(
      names = "--max-duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop the agent after it has run this long (e.g. 30m), saving its work.")
  Duration maxDuration;

  @Option(
      names = "--max-output-tokens",
      paramLabel = "N",
      description = "Stop the agent when the model has written this many output tokens.")
  Long maxOutputTokens;

  /** Refuses a limit that cannot work, naming the flag. */
  void validate() {
    if (maxCostUSD != null
        && (maxCostUSD.signum() <= 0
            || maxCostUSD.compareTo(BigDecimal.valueOf(TaskLimits.MAX_COST_USD_CEILING)) > 0)) {
      throw new UserException(
          "--max-cost-usd "
              + maxCostUSD.toPlainString()
              + ": give an amount above 0, at most 10000",
          ExitCodes.USAGE);
    }
    if (maxDuration != null
        && (maxDuration.compareTo(Duration.ofSeconds(1)) < 0
            || maxDuration.compareTo(LONGEST) > 0)) {
      throw new UserException(
          "--max-duration: give a duration from 1s to 168h, such as 30m or 1h30m", ExitCodes.USAGE);
    }
    if (maxOutputTokens != null && maxOutputTokens < 1) {
      throw new UserException(
          "--max-output-tokens " + maxOutputTokens + ": give at least 1 token", ExitCodes.USAGE);
    }
  }

  /** The Task's {@code spec.limits}, or null when no limit is set. */
  TaskLimits taskLimits(Integer maxTurns) {
    if (maxTurns == null && maxCostUSD == null && maxDuration == null && maxOutputTokens == null) {
      return null;
    }
    TaskLimits limits = new TaskLimits();
    limits.setMaxTurns(maxTurns);
    limits.setMaxCostUSD(maxCostUSD == null ? null : maxCostUSD.doubleValue());
    limits.setMaxDuration(maxDuration == null ? null : maxDuration.toSeconds() + "s");
    limits.setMaxOutputTokens(maxOutputTokens);
    return limits;
  }

  /** The entrypoint's variables for a local run ({@code --max-turns} is passed already). */
  Map<String, String> entrypointEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    if (maxCostUSD != null) {
      env.put("AXON_MAX_COST_USD", maxCostUSD.toPlainString());
    }
    if (maxDuration != null) {
      env.put("AXON_MAX_DURATION_SECONDS", Long.toString(maxDuration.toSeconds()));
    }
    if (maxOutputTokens != null) {
      env.put("AXON_MAX_OUTPUT_TOKENS", maxOutputTokens.toString());
    }
    return env;
  }
}

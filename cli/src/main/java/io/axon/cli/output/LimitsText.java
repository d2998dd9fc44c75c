package io.axon.cli.output;

import io.axon.api.v1alpha1.TaskLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A Task's {@code spec.limits} in one line: {@code maxTurns 40, maxCostUSD $2.5, ...}. */
final class LimitsText {
  private LimitsText() {}

  static String of(TaskLimits limits) {
    if (limits == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (limits.getMaxTurns() != null) {
      parts.add("maxTurns " + limits.getMaxTurns());
    }
    if (limits.getMaxCostUSD() != null) {
      parts.add("maxCostUSD $" + BigDecimal.valueOf(limits.getMaxCostUSD()).toPlainString());
    }
    if (limits.getMaxDuration() != null) {
      parts.add("maxDuration " + limits.getMaxDuration());
    }
    if (limits.getMaxOutputTokens() != null) {
      parts.add("maxOutputTokens " + limits.getMaxOutputTokens());
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }
}

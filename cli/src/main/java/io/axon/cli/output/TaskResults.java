package io.axon.cli.output;

import io.axon.api.v1alpha1.TaskResult;
import java.util.ArrayList;
import java.util.List;

/** A Task's result in one line: {@code Succeeded, 2 turns, $0.12, PR https://...}. */
public final class TaskResults {
  private TaskResults() {}

  /** The result's parts that are set, or null when none is. */
  public static String summary(TaskResult result) {
    if (result == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    add(parts, result.getOutcome(), "%s");
    add(parts, result.getReason(), "reason %s");
    add(parts, result.getLimit(), "limit %s");
    add(parts, result.getTurns(), "%s turns");
    if (result.getCostUSD() != null) {
      parts.add(Rows.cost(result));
    }
    add(parts, result.getBranch(), "branch %s");
    add(parts, result.getCommit(), "commit %s");
    add(parts, result.getPullRequestURL(), "PR %s");
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  private static void add(List<String> parts, Object value, String format) {
    if (value != null && !value.toString().isBlank()) {
      parts.add(format.formatted(value));
    }
  }
}

package io.axon.controller.report;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.api.v1alpha1.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a Task's report says, rendered from its current status alone (so the same status always
 * gives the same text, and a write is needed only when the text changes). Text that an agent wrote
 * (the failure message) goes in a code span, after secret-shaped strings are masked: it can neither
 * mention people nor inject links, and no token is ever shown.
 */
public final class ReportText {
  /** The label by which the agent asks a person for input (the seed's loop). */
  public static final String NEEDS_INPUT_LABEL = "axon/needs-input";

  static final String NEEDS_INPUT =
      "The agent asked for input (label `"
          + NEEDS_INPUT_LABEL
          + "`): answer here and remove the label.";

  /** The failure message is cut here: a reason, not a log. */
  static final int MAX_MESSAGE = 300;

  private static final Pattern SECRET_SHAPES =
      Pattern.compile(
          "(sk-ant-[A-Za-z0-9_-]{8,}|gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,}"
              + "|(?i:bearer)\\s+[A-Za-z0-9._~+/=-]{8,}|[A-Za-z0-9+/_-]{32,}={0,2})");
  private static final Pattern PULL_REQUEST_URL =
      Pattern.compile(
          "https://[A-Za-z0-9.-]+(:[0-9]+)?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/pull/[0-9]+");
  private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}\\p{Cf}]");

  private ReportText() {}

  /** The hidden line that finds a Task's comment again after a restart: its UID. */
  public static String marker(Task task) {
    return "<!-- axon:task uid=" + task.getMetadata().getUid() + " -->";
  }

  /** The hidden marker of the Task's comment for one phase (one comment per phase). */
  public static String marker(Task task, TaskPhase phase) {
    return "<!-- axon:task uid=" + task.getMetadata().getUid() + " phase=" + phase + " -->";
  }

  /** The issue comment: the marker, a headline, and the details of the phase. */
  public static String comment(Task task) {
    return marker(task) + "\n" + headline(task) + "\n\n" + summary(task);
  }

  /** The comment for the Task's current phase, marked with it. */
  public static String phaseComment(Task task) {
    return marker(task, phase(task)) + "\n" + headline(task) + "\n\n" + summary(task);
  }

  /** One line: which Task, and where it stands. */
  public static String headline(Task task) {
    return "**Axon** Task `%s`: %s"
        .formatted(task.getMetadata().getName(), phaseWords(phase(task)));
  }

  /** The body of the report, for a comment and a Check Run's summary alike. */
  public static String summary(Task task) {
    TaskStatus status = task.getStatus();
    TaskResult result = status == null ? null : status.getResult();
    List<String> lines = new ArrayList<>();
    switch (phase(task)) {
      case Pending -> lines.add("The Task is created and waits for its agent to start.");
      case Running -> lines.add("The agent (`%s`) is working on this.".formatted(agentType(task)));
      case Succeeded -> {
        lines.add("The agent finished.");
        List<String> table = resultTable(result);
        if (!table.isEmpty()) {
          lines.add("");
          lines.addAll(table);
        }
      }
      case Failed -> {
        lines.add("The Task failed.");
        String reason = result == null ? null : result.getReason();
        if (reason != null && !reason.isBlank()) {
          lines.add("");
          lines.add("Reason: " + codeSpan(reason, 80));
        }
        String message = status == null ? null : status.getMessage();
        if (message != null && !message.isBlank()) {
          lines.add("");
          lines.add(codeSpan(message, MAX_MESSAGE));
        }
        List<String> table = resultTable(result);
        if (!table.isEmpty()) {
          lines.add("");
          lines.addAll(table);
        }
      }
    }
    return String.join("\n", lines);
  }

  static TaskPhase phase(Task task) {
    TaskStatus status = task.getStatus();
    return status == null || status.getPhase() == null ? TaskPhase.Pending : status.getPhase();
  }

  private static String phaseWords(TaskPhase phase) {
    return switch (phase) {
      case Pending -> "queued";
      case Waiting -> "waiting to start";
      case Running -> "running";
      case Succeeded -> "succeeded";
      case Failed -> "failed";
    };
  }

  private static List<String> resultTable(TaskResult result) {
    List<String> rows = new ArrayList<>();
    if (result == null) {
      return rows;
    }
    if (result.getPullRequestURL() != null
        && PULL_REQUEST_URL.matcher(result.getPullRequestURL()).matches()) {
      rows.add("| Pull request | " + result.getPullRequestURL() + " |");
    }
    if (result.getBranch() != null) {
      rows.add("| Branch | " + literal(result.getBranch(), 200) + " |");
    }
    if (result.getCommit() != null) {
      rows.add("| Commit | " + literal(result.getCommit(), 40) + " |");
    }
    if (result.getTurns() != null) {
      rows.add("| Turns | " + result.getTurns() + " |");
    }
    if (result.getCostUSD() != null) {
      rows.add("| Cost | " + literal("$" + result.getCostUSD(), 20) + " |");
    }
    if (rows.isEmpty()) {
      return rows;
    }
    List<String> table = new ArrayList<>(List.of("| | |", "|---|---|"));
    table.addAll(rows);
    return table;
  }

  private static String agentType(Task task) {
    String type = task.getSpec() == null ? null : task.getSpec().getType();
    return type == null ? "agent" : clean(type, 63, false).replace("`", "");
  }

  /** Masked, one line, cut short, in a code span that no backtick inside can close. */
  static String codeSpan(String text, int max) {
    return "`" + clean(text, max, true).replace("`", "'") + "`";
  }

  /** As {@link #codeSpan}, unmasked: for names the controller checked (branch, commit, cost). */
  private static String literal(String text, int max) {
    return "`" + clean(text, max, false).replace("`", "'") + "`";
  }

  static String clean(String text, int max, boolean mask) {
    String oneLine = CONTROLS.matcher(text.replaceAll("\\s+", " ")).replaceAll("").strip();
    String masked = mask ? SECRET_SHAPES.matcher(oneLine).replaceAll("***") : oneLine;
    return masked.length() <= max ? masked : masked.substring(0, max - 1) + "…";
  }
}

package io.axon.controller.webhook;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One piece of work a delivery asked for, as {@code status.queuedItems} keeps it: a kind, the issue
 * or pull request, and the comment, check run or check suite. Only ids are kept (the text is read
 * from GitHub when the Task is made), so the queue stays small. {@link #POLL_NOW} asks the leader
 * to poll at once: an issue or pull request event that a standby replica took.
 */
record QueueEntry(String kind, long number, long id) {
  static final String COMMENT = "comment";
  static final String CHECK_RUN = "check_run";
  static final String CHECK_SUITE = "check_suite";
  static final String POLL = "poll";
  static final QueueEntry POLL_NOW = new QueueEntry(POLL, 0, 0);
  private static final Pattern FORMAT =
      Pattern.compile("^(comment|check_run|check_suite|poll):([0-9]{1,18}):([0-9]{1,18})$");

  static Optional<QueueEntry> parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text);
    return m.matches()
        ? Optional.of(
            new QueueEntry(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))))
        : Optional.empty();
  }

  /** The work item's id: a Task per comment or check, not per issue. */
  String itemId() {
    return switch (kind) {
      case COMMENT -> number + "-comment-" + id;
      case CHECK_RUN -> number + "-check-" + id;
      case POLL -> "poll";
      default -> number + "-suite-" + id;
    };
  }

  @Override
  public String toString() {
    return kind + ":" + number + ":" + id;
  }
}

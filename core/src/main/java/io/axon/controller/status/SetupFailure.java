package io.axon.controller.status;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import java.util.Arrays;
import java.util.List;

/** What a Task says when its Workspace's setup step failed: the exit code and its output's tail. */
final class SetupFailure {
  /** Lines of the output's end in the message; the whole tail is in the setup container's log. */
  static final int TAIL_LINES = 10;

  static final int TAIL_CHARS = 1500;

  private SetupFailure() {}

  static String message(ContainerStateTerminated setup) {
    String head =
        "The Workspace's setup failed (exit code %d; files or setupCommand)"
            .formatted(setup.getExitCode());
    String output = setup.getMessage() == null ? "" : setup.getMessage().strip();
    if (output.isEmpty()) {
      return head + ", without output.";
    }
    List<String> lines =
        Arrays.stream(output.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    // One line, as every status message: a table cell, an Event.
    String tail =
        String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    if (tail.length() > TAIL_CHARS) {
      tail = "…" + tail.substring(tail.length() - TAIL_CHARS);
    }
    return head + ". Its output ends: " + tail;
  }
}

package io.axon.cli.local;

import io.axon.client.render.TerminalText;
import io.axon.spi.agent.RunResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The end-of-run summary of a local run. */
final class SummaryPrinter {

  private SummaryPrinter() {}

  static void print(RunResult result, Optional<Path> keptWorkspace, PrintWriter out) {
    out.println();
    out.println(
        "Outcome:   "
            + (result.succeeded() ? "Succeeded" : "Failed")
            + (result.reason() == null ? "" : " (" + oneLine(result.reason()) + ")"));
    if (!result.succeeded() && result.message() != null) {
      out.println(
          "Message:   "
              + TerminalText.clean(result.message()).strip().lines().findFirst().orElse(""));
    }
    if (result.turns() != null) {
      out.println("Turns:     " + result.turns());
    }
    if (result.costUSD() != null) {
      out.println(String.format(Locale.ROOT, "Cost:      $%.4f", result.costUSD()));
    }
    if (result.branch() != null) {
      out.println("Branch:    " + oneLine(result.branch()));
    }
    if (result.commit() != null) {
      out.println("Commit:    " + oneLine(result.commit()));
    }
    if (result.pullRequestURL() != null) {
      out.println("PR:        " + oneLine(result.pullRequestURL()));
    }
    out.println(
        keptWorkspace
            .map(workspace -> "Workspace: " + workspace + " (kept; axon local clean removes it)")
            .orElse("Workspace: none kept (the agent changed nothing in it)"));
  }

  /** The summary is the agent's word: strangers' text. */
  private static String oneLine(String text) {
    return TerminalText.oneLine(text);
  }
}

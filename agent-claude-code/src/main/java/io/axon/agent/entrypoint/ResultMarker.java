package io.axon.agent.entrypoint;

import io.axon.spi.agent.RunResult;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an agent says it gave up or needs a person's answer: the last non-empty line of its final
 * message is {@code AXON-RESULT: gave-up <why>} or {@code AXON-RESULT: needs-input <question>}.
 * Only that last line counts, so an agent that quotes the marker earlier changes nothing. The line
 * is read as plain text, never by a shell or a template.
 */
final class ResultMarker {

  static final String GAVE_UP = "gave_up";
  static final String NEEDS_INPUT = "needs_input";

  /** What the agent is told, appended to its instructions (or its prompt). */
  static final String INSTRUCTIONS =
      """
      If you cannot do the task, or cannot go on without an answer from a person, make the last \
      line of your final message one of these (only the last line counts):
      AXON-RESULT: gave-up <why, in one sentence>
      AXON-RESULT: needs-input <your question>
      Otherwise never end with such a line.""";

  /** The marker, its kind, and the rest; a colon after the kind and backticks around it pass. */
  private static final Pattern MARKER =
      Pattern.compile(
          "`?AXON-RESULT:\\s*(?<kind>gave-up|needs-input):?(?:\\s+(?<text>.*?))?\\s*`?",
          Pattern.CASE_INSENSITIVE);

  /** Control and line-separator characters: a space each run. */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]+");

  /** Invisible formatting characters (bidi overrides among them): removed. */
  private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}+");

  private ResultMarker() {}

  /**
   * A succeeded result whose final message ends with the marker, as the failure it names (reason
   * {@value #GAVE_UP} or {@value #NEEDS_INPUT}, the why or the question as its message, the run's
   * figures kept); any other result unchanged.
   */
  static RunResult apply(RunResult result) {
    if (result == null || !result.succeeded()) {
      return result;
    }
    return said(result.message())
        .map(
            said ->
                new RunResult(
                    RunResult.Outcome.FAILED,
                    said.reason(),
                    said.message(),
                    result.turns(),
                    result.costUSD(),
                    result.inputTokens(),
                    result.outputTokens(),
                    result.durationMillis(),
                    result.model(),
                    result.branch(),
                    result.commit(),
                    result.pullRequestURL(),
                    result.limit(),
                    result.wipBranch()))
        .orElse(result);
  }

  /** What the marker said: the summary's reason and message. */
  record Said(String reason, String message) {}

  /** The marker on the last non-empty line of {@code text}; empty when that line is not one. */
  static Optional<Said> said(String text) {
    if (text == null) {
      return Optional.empty();
    }
    List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    Matcher marker = MARKER.matcher(lines.get(lines.size() - 1).strip());
    if (!marker.matches()) {
      return Optional.empty();
    }
    boolean gaveUp = marker.group("kind").toLowerCase(Locale.ROOT).equals("gave-up");
    String words =
        marker.group("text") == null
            ? ""
            : INVISIBLE
                .matcher(CONTROL.matcher(marker.group("text")).replaceAll(" "))
                .replaceAll("")
                .strip();
    if (words.isEmpty()) {
      words = gaveUp ? "the agent gave up without saying why" : "the agent needs input";
    }
    return Optional.of(new Said(gaveUp ? GAVE_UP : NEEDS_INPUT, words));
  }
}

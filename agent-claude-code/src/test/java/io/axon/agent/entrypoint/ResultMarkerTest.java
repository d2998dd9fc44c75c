package io.axon.agent.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.agent.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code AXON-RESULT:} line an agent ends its final message with, read as plain text. */
class ResultMarkerTest {

  private static RunResult succeeded(String message) {
    return new RunResult(
        RunResult.Outcome.SUCCEEDED,
        "completed",
        message,
        3,
        0.25,
        1200L,
        80L,
        4000L,
        "claude-sonnet-4-20250514",
        "main",
        "4453b3e0c6f1d2a7f2b0e5d1c9a8b7c6d5e4f3a2",
        null);
  }

  private static Optional<ResultMarker.Said> said(String text) {
    return ResultMarker.said(text);
  }

  @Test
  void theLastLineGaveUpFailsTheRunWithItsWhyAndKeepsTheFigures() {
    RunResult result =
        ResultMarker.apply(
            succeeded(
                "I looked at the build.\n\nAXON-RESULT: gave-up the repository has no build file"));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(result.reason()).isEqualTo("gave_up");
    assertThat(result.message()).isEqualTo("the repository has no build file");
    assertThat(result.turns()).isEqualTo(3);
    assertThat(result.costUSD()).isEqualTo(0.25);
    assertThat(result.model()).isEqualTo("claude-sonnet-4-20250514");
    assertThat(result.commit()).isEqualTo("4453b3e0c6f1d2a7f2b0e5d1c9a8b7c6d5e4f3a2");
  }

  @Test
  void theLastLineNeedsInputFailsTheRunWithItsQuestion() {
    RunResult result =
        ResultMarker.apply(succeeded("AXON-RESULT: needs-input Which branch should I target?"));

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.FAILED);
    assertThat(result.reason()).isEqualTo("needs_input");
    assertThat(result.message()).isEqualTo("Which branch should I target?");
  }

  @Test
  void onlyTheLastNonEmptyLineCounts() {
    assertThat(said("AXON-RESULT: gave-up too hard\nActually, I did it after all.")).isEmpty();
    assertThat(said("Done.\nAXON-RESULT: needs-input which one?\n\n  \n"))
        .contains(new ResultMarker.Said("needs_input", "which one?"));
  }

  @Test
  void aMarkerQuotedEarlierOrInsideALineChangesNothing() {
    RunResult quoted =
        succeeded(
            "Had I failed I would have written AXON-RESULT: gave-up <why>.\n"
                + "> AXON-RESULT: gave-up quoted\n"
                + "All tests pass.");
    assertThat(ResultMarker.apply(quoted)).isEqualTo(quoted);
    assertThat(said("I'd say AXON-RESULT: gave-up here")).isEmpty();
    assertThat(said("> AXON-RESULT: gave-up quoted")).isEmpty();
  }

  @Test
  void theMarkerAndItsKindMatchInAnyCaseAndAroundWhitespaceButTheWordsKeepTheirs() {
    assertThat(said("   axon-result:GAVE-UP   No Access To The Registry  \t"))
        .contains(new ResultMarker.Said("gave_up", "No Access To The Registry"));
    assertThat(said("Axon-Result: Needs-Input: May I delete the old API?"))
        .contains(new ResultMarker.Said("needs_input", "May I delete the old API?"));
    assertThat(said("`AXON-RESULT: gave-up no tests to run`"))
        .contains(new ResultMarker.Said("gave_up", "no tests to run"));
  }

  @Test
  void anEmptyWhyOrQuestionGetsAPlainMessage() {
    assertThat(said("AXON-RESULT: gave-up"))
        .contains(new ResultMarker.Said("gave_up", "the agent gave up without saying why"));
    assertThat(said("AXON-RESULT: needs-input   "))
        .contains(new ResultMarker.Said("needs_input", "the agent needs input"));
  }

  @Test
  void anUnknownKindOrAKindRunIntoItsWordsIsNoMarker() {
    assertThat(said("AXON-RESULT: done")).isEmpty();
    assertThat(said("AXON-RESULT: gave_up why")).isEmpty();
    assertThat(said("AXON-RESULT: gave-upwhy")).isEmpty();
    assertThat(said("AXON-RESULT gave-up why")).isEmpty();
    assertThat(said("")).isEmpty();
    assertThat(said(null)).isEmpty();
  }

  @Test
  void controlAndInvisibleCharactersAreStrippedFromTheWordsAndNothingIsExpanded() {
    assertThat(said("AXON-RESULT: gave-up \u001b[31mred\u001b[0m\u202e $(rm -rf /) ${HOME}\u0007"))
        .contains(new ResultMarker.Said("gave_up", "[31mred [0m $(rm -rf /) ${HOME}"));
  }

  @Test
  void aFailedResultIsNeverReadForTheMarker() {
    RunResult failed =
        new RunResult(
            RunResult.Outcome.FAILED,
            "error_max_turns",
            "AXON-RESULT: needs-input which one?",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(ResultMarker.apply(failed)).isEqualTo(failed);
    assertThat(ResultMarker.apply(null)).isNull();
  }

  @Test
  void theInterfaceDocumentQuotesTheInstructionsAsTheEntrypointWritesThem() throws Exception {
    assertThat(Path.of("../docs/agent-image-interface.md"))
        .content(StandardCharsets.UTF_8)
        .contains("```\n" + ResultMarker.INSTRUCTIONS + "\n```");
  }

  @Test
  void theInstructionsShowBothMarkersExactlyAsTheyAreRead() {
    assertThat(
            ResultMarker.INSTRUCTIONS
                .lines()
                .filter(line -> line.startsWith("AXON-RESULT:"))
                .map(ResultMarker::said)
                .map(said -> said.map(ResultMarker.Said::reason).orElse("none")))
        .containsExactly("gave_up", "needs_input");
  }
}

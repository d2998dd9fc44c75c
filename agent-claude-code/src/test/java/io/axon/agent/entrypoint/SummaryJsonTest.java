package io.axon.agent.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.spi.agent.RunResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SummaryJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static RunResult result(String message, String branch) {
    return new RunResult(
        RunResult.Outcome.FAILED,
        "api_error",
        message,
        3,
        0.25,
        1200L,
        80L,
        4000L,
        "claude-sonnet-4-20250514",
        branch,
        "4453b3e0c6f1d2a7f2b0e5d1c9a8b7c6d5e4f3a2",
        "https://github.com/acme/widgets/pull/7");
  }

  @Test
  void smallSummariesAreWrittenWhole() throws Exception {
    RunResult result = result("short", "main");
    byte[] json = SummaryJson.toJson(result, 4096);
    assertThat(JSON.readValue(json, RunResult.class)).isEqualTo(result);
    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains("\"outcome\":\"Failed\"", "\"costUSD\":0.25", "\"pullRequestURL\":");
  }

  @Test
  void nullFieldsAreLeftOut() {
    RunResult result =
        new RunResult(
            RunResult.Outcome.SUCCEEDED,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(new String(SummaryJson.toJson(result, 4096), StandardCharsets.UTF_8))
        .isEqualTo("{\"outcome\":\"Succeeded\"}");
  }

  @Test
  void longMessagesAreShortenedToFitTheTerminationMessage() throws Exception {
    String message = "日本語のエラー🚀 ".repeat(2000); // multi-byte, far over 4096 bytes
    byte[] json = SummaryJson.toJson(result(message, "main"), 4096);
    assertThat(json.length).isLessThanOrEqualTo(4096).isGreaterThan(4000);
    RunResult back = JSON.readValue(json, RunResult.class);
    assertThat(back.message()).endsWith("…");
    assertThat(message).startsWith(back.message().substring(0, back.message().length() - 1));
    assertThat(back.withGit(null, null, null))
        .isEqualTo(
            new RunResult(
                back.outcome(),
                "api_error",
                back.message(),
                3,
                0.25,
                1200L,
                80L,
                4000L,
                "claude-sonnet-4-20250514",
                null,
                null,
                null));
  }

  @Test
  void absurdlyLongOtherFieldsAreClippedToo() throws Exception {
    byte[] json = SummaryJson.toJson(result("x".repeat(5000), "b".repeat(5000)), 4096);
    assertThat(json.length).isLessThanOrEqualTo(4096);
    RunResult back = JSON.readValue(json, RunResult.class);
    assertThat(back.branch()).hasSize(201).endsWith("…");
    assertThat(back.message()).startsWith("xxx");
  }
}

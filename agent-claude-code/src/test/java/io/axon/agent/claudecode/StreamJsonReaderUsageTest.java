package io.axon.agent.claudecode;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.agent.AgentEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each model response's usage, read from the real CLI's assistant lines as they stream. */
class StreamJsonReaderUsageTest {

  private static List<AgentEvent.Usage> usage(String transcript) {
    StreamJsonReader reader = new StreamJsonReader();
    List<AgentEvent.Usage> usage = new ArrayList<>();
    for (String line : Transcripts.lines(transcript)) {
      reader.read(line).stream()
          .filter(AgentEvent.Usage.class::isInstance)
          .map(AgentEvent.Usage.class::cast)
          .forEach(usage::add);
    }
    return usage;
  }

  @Test
  void everyResponseReportsItsInputAtOnceAndItsOutputAsEstimated() {
    List<AgentEvent.Usage> usage = usage("bash-commit");

    // Five lines, one content block each, of four responses (the first has two blocks).
    assertThat(usage).hasSize(5);
    Map<String, AgentEvent.Usage> byResponse = new LinkedHashMap<>();
    usage.forEach(u -> byResponse.put(u.responseId(), u));
    assertThat(byResponse).hasSize(4);
    assertThat(usage.get(1).outputTokens()).isGreaterThan(usage.get(0).outputTokens());
    AgentEvent.Usage first = usage.get(0);
    assertThat(first.model()).isEqualTo("claude-sonnet-4-20250514");
    assertThat(first.inputTokens()).isEqualTo(6);
    assertThat(first.cacheWriteTokens()).isEqualTo(14236);
    assertThat(first.cacheReadTokens()).isZero();
    // Streamed lines say output_tokens 1; the estimate from the text is larger.
    assertThat(first.outputTokens()).isGreaterThan(12);
    // The same input as the result's own totals (18 + 14836 + 43248); output near its 194.
    assertThat(
            byResponse.values().stream()
                .mapToLong(u -> u.inputTokens() + u.cacheWriteTokens() + u.cacheReadTokens())
                .sum())
        .isEqualTo(18 + 14836 + 43248);
    assertThat(byResponse.values().stream().mapToLong(AgentEvent.Usage::outputTokens).sum())
        .isBetween(100L, 400L);
  }

  @Test
  void aLaterLineOfTheSameResponseRaisesItsEstimateUnderTheSameId() {
    StreamJsonReader reader = new StreamJsonReader();
    String usage =
        "\"usage\":{\"input_tokens\":4,\"cache_creation_input_tokens\":0,"
            + "\"cache_read_input_tokens\":100,\"output_tokens\":1}";
    String text =
        "{\"type\":\"assistant\",\"parent_tool_use_id\":null,\"message\":{\"id\":\"msg_1\","
            + "\"model\":\"claude-haiku-4-5\","
            + usage
            + ",\"content\":[{\"type\":\"text\",\"text\":\""
            + "x".repeat(400)
            + "\"}]}}";
    List<AgentEvent> one = reader.read(text);
    List<AgentEvent> two = reader.read(text);
    AgentEvent.Usage a = (AgentEvent.Usage) one.get(1);
    AgentEvent.Usage b = (AgentEvent.Usage) two.get(0);
    assertThat(one.get(0)).isEqualTo(new AgentEvent.TurnStarted(1));
    assertThat(a.responseId()).isEqualTo(b.responseId()).isEqualTo("msg_1");
    assertThat(a.outputTokens()).isEqualTo(12 + 100);
    assertThat(b.outputTokens()).isEqualTo(2 * (12 + 100));
  }
}

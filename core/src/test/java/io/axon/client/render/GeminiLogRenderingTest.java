package io.axon.client.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.agent.AgentRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code axon logs} of a gemini Task: real Gemini CLI transcripts (copied from agent-gemini's)
 * through the installed plugin's reader, in the seed's format.
 */
class GeminiLogRenderingTest {

  private static List<String> render(String transcript) throws IOException {
    AgentLogRenderer renderer =
        new AgentLogRenderer(
            AgentRegistry.load().find("gemini").orElseThrow().newOutputReader(), false);
    List<String> out = new ArrayList<>();
    try (InputStream in =
        GeminiLogRenderingTest.class.getResourceAsStream(
            "/render/gemini/" + transcript + ".jsonl")) {
      assertThat(in).as(transcript).isNotNull();
      new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .forEach(line -> out.addAll(renderer.render(line)));
    }
    return out;
  }

  @Test
  void aCommitRunReadsLikeTheSeed() throws IOException {
    assertThat(render("commit"))
        .containsExactly(
            "[init] model=gemini-2.5-pro",
            "--- Turn 1 ---",
            "I'll create hello.txt and commit it.",
            "[tool] Bash: echo hello > hello.txt && git add hello.txt && git commit -q -m 'Add"
                + " hello'",
            "--- Turn 2 ---",
            "Done: hello.txt is committed.",
            "[result] completed (2 turns)");
  }

  @Test
  void aFailedToolAndAnApiErrorAreShown() throws IOException {
    assertThat(render("tool-error"))
        .contains(
            "[tool] Read does-not-exist.txt",
            "[tool error] Read: File not found:"
                + " /tmp/agents-probe/gruns/readmissing/ws/does-not-exist.txt");
    assertThat(render("error"))
        .containsExactly(
            "[init] model=gemini-2.5-pro",
            "[result] failed: api_error: 400 INVALID_ARGUMENT: scripted outage for axon (0 turns)");
  }
}

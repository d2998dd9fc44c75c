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
 * {@code axon logs} of an opencode Task: real OpenCode transcripts (copied from agent-opencode's)
 * through the installed plugin's reader, in the seed's format.
 */
class OpenCodeLogRenderingTest {

  private static List<String> render(String transcript) throws IOException {
    AgentLogRenderer renderer =
        new AgentLogRenderer(
            AgentRegistry.load().find("opencode").orElseThrow().newOutputReader(), false);
    List<String> out = new ArrayList<>();
    try (InputStream in =
        OpenCodeLogRenderingTest.class.getResourceAsStream(
            "/render/opencode/" + transcript + ".jsonl")) {
      assertThat(in).as(transcript).isNotNull();
      new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .forEach(line -> out.addAll(renderer.render(line)));
    }
    return out;
  }

  @Test
  void aCommitRunReadsLikeTheSeedWithItsCost() throws IOException {
    assertThat(render("commit"))
        .containsExactly(
            "[init] model=anthropic/claude-sonnet-4-5",
            "--- Turn 1 ---",
            "I'll create hello.txt and commit it.",
            "[tool] Bash: echo hello > hello.txt && git add hello.txt && git commit -q -m 'Add"
                + " hello'",
            "--- Turn 2 ---",
            "Done: hello.txt is committed.",
            "[result] completed (2 turns, $0.01)");
  }

  @Test
  void aFailedToolAndAnApiErrorAreShown() throws IOException {
    assertThat(render("tool-error"))
        .contains(
            "[tool] Read /nonexistent/does-not-exist.txt",
            "[tool error] Read: File not found: /nonexistent/does-not-exist.txt");
    assertThat(render("error"))
        .containsExactly(
            "[init] model=anthropic/claude-sonnet-4-5",
            "[result] failed: api_error: 400: scripted outage for axon (0 turns)");
  }
}

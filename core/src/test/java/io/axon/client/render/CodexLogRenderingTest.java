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
 * {@code axon logs} of a codex Task: real Codex transcripts (copied from agent-codex's) through the
 * installed plugin's reader, in the seed's format.
 */
class CodexLogRenderingTest {

  private static List<String> render(String transcript) throws IOException {
    AgentLogRenderer renderer =
        new AgentLogRenderer(
            AgentRegistry.load().find("codex").orElseThrow().newOutputReader(), false);
    List<String> out = new ArrayList<>();
    try (InputStream in =
        CodexLogRenderingTest.class.getResourceAsStream("/render/codex/" + transcript + ".jsonl")) {
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
            "[init] model=gpt-5-codex",
            "--- Turn 1 ---",
            "I'll create hello.txt and commit it.",
            "[tool] Bash: echo hello > hello.txt && git add hello.txt && git commit -q -m 'Add"
                + " hello'",
            "--- Turn 2 ---",
            "Done: hello.txt is committed.",
            "[result] completed (2 turns)");
  }

  @Test
  void aFailedCommandAndAnApiErrorAreShown() throws IOException {
    assertThat(render("toolerr"))
        .contains(
            "[tool] Bash: cat does-not-exist.txt",
            "[tool error] Bash: cat: does-not-exist.txt: No such file or directory");
    assertThat(render("error"))
        .containsExactly(
            "[init] model=gpt-5-codex",
            "[result] failed: api_error: invalid_request_error: scripted outage for axon (0"
                + " turns)");
  }
}

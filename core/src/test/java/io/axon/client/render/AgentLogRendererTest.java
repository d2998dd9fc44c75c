package io.axon.client.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders the real Claude Code transcripts through the installed plugin, as {@code axon logs}. */
class AgentLogRendererTest {

  private static final String ANSI = "\u001b\\[[0-9;]*m";

  private static AgentOutputReader claudeCodeReader() {
    return AgentRegistry.load().find("claude-code").orElseThrow().newOutputReader();
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = AgentLogRendererTest.class.getResourceAsStream("/render/" + path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> render(String transcript, boolean color) throws IOException {
    AgentLogRenderer renderer = new AgentLogRenderer(claudeCodeReader(), color);
    List<String> out = new ArrayList<>();
    resource("transcripts/" + transcript + ".jsonl")
        .lines()
        .forEach(l -> out.addAll(renderer.render(l)));
    return out;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "api-error",
        "api-error-400",
        "bash-commit",
        "max-turns",
        "pr-url",
        "retry",
        "stream-cut",
        "text-only",
        "tool-error"
      })
  void rendersEachTranscriptAsExpected(String transcript) throws IOException {
    assertThat(render(transcript, false))
        .containsExactlyElementsOf(resource(transcript + ".txt").lines().toList());
  }

  @Test
  void colourAddsEscapesOnlyAroundMarkers() throws IOException {
    List<String> plain = render("bash-commit", false);
    List<String> colored = render("bash-commit", true);
    assertThat(colored).hasSameSizeAs(plain);
    assertThat(colored.stream().map(l -> l.replaceAll(ANSI, "")).toList()).isEqualTo(plain);
    assertThat(colored.get(0)).isEqualTo("\u001b[2m[init] model=claude-sonnet-4-20250514\u001b[0m");
    assertThat(colored.get(1)).isEqualTo("\u001b[1m--- Turn 1 ---\u001b[0m");
    assertThat(colored.get(2)).isEqualTo("I'll create hello.txt and commit it.");
    assertThat(colored.get(3)).startsWith("\u001b[36m[tool] Bash: ");
    assertThat(colored.get(colored.size() - 1))
        .isEqualTo("\u001b[32m[result] completed (4 turns, $0.07)\u001b[0m");
    assertThat(render("max-turns", true).get(3)).startsWith("\u001b[31m[result] failed: ");
    assertThat(plain).noneMatch(l -> l.contains("\u001b"));
  }

  @Test
  void rendersToolErrorsRetriesAndUnparsedLinesFromAnyReader() {
    AgentOutputReader scripted =
        new ScriptedReader(
            new AgentEvent.ToolCall("Edit", ""),
            new AgentEvent.ToolCall("run_shell_command", "make test"),
            new AgentEvent.ToolError("Bash", "Exit code 1\nmore detail"),
            new AgentEvent.Retry(2, "overloaded"),
            new AgentEvent.Text("two\nlines\n"),
            new AgentEvent.Unparsed("plain text the agent printed"),
            new AgentEvent.Finished(
                new RunResult(
                    RunResult.Outcome.FAILED,
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
                    null)));
    assertThat(new AgentLogRenderer(scripted, false).render("ignored"))
        .containsExactly(
            "[tool] Edit",
            "[tool] run_shell_command: make test",
            "[tool error] Bash: Exit code 1",
            "[retry] attempt 2: overloaded",
            "two",
            "lines",
            "plain text the agent printed",
            "[result] failed");
  }

  /** A reader that yields fixed events, to show the renderer needs nothing but the SPI. */
  private record ScriptedReader(List<AgentEvent> events) implements AgentOutputReader {
    ScriptedReader(AgentEvent... events) {
      this(List.of(events));
    }

    @Override
    public List<AgentEvent> read(String line) {
      return events;
    }

    @Override
    public Optional<RunResult> result() {
      return Optional.empty();
    }
  }
}

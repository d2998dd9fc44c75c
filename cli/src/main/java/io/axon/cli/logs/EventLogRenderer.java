package io.axon.cli.logs;

import io.axon.cli.output.Style;
import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.RunResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal stand-in for core's {@code AgentLogRenderer}, in the README's format ({@code [init]
 * model=...}, {@code --- Turn N ---}, {@code [tool] Bash: ...}, {@code [result] completed (8 turns,
 * $0.12)}). Replaced by the real renderer in {@link LogRenderers}.
 */
final class EventLogRenderer {
  private final AgentOutputReader reader;
  private final Style style;

  EventLogRenderer(AgentOutputReader reader, boolean color) {
    this.reader = reader;
    this.style = new Style(color);
  }

  List<String> render(String rawLine) {
    List<String> lines = new ArrayList<>();
    for (AgentEvent event : reader.read(rawLine)) {
      lines.addAll(format(event));
    }
    return lines;
  }

  private List<String> format(AgentEvent event) {
    if (event instanceof AgentEvent.Init init) {
      return List.of(style.dim("[init] model=" + init.model()));
    }
    if (event instanceof AgentEvent.TurnStarted turn) {
      return List.of(style.bold("--- Turn " + turn.turn() + " ---"));
    }
    if (event instanceof AgentEvent.Text text) {
      return text.text().lines().toList();
    }
    if (event instanceof AgentEvent.ToolCall call) {
      String detail = call.detail() == null || call.detail().isEmpty() ? "" : ": " + call.detail();
      return List.of(style.yellow("[tool] " + call.tool()) + detail);
    }
    if (event instanceof AgentEvent.ToolError error) {
      return List.of(style.red("[tool error] " + error.tool()) + ": " + error.message());
    }
    if (event instanceof AgentEvent.Retry retry) {
      return List.of(style.yellow("[retry] attempt " + retry.attempt()) + ": " + retry.error());
    }
    if (event instanceof AgentEvent.Finished finished) {
      return List.of(result(finished.result()));
    }
    if (event instanceof AgentEvent.Unparsed unparsed) {
      return List.of(unparsed.line());
    }
    return List.of();
  }

  private String result(RunResult result) {
    List<String> facts = new ArrayList<>();
    if (result.turns() != null) {
      facts.add(result.turns() + (result.turns() == 1 ? " turn" : " turns"));
    }
    if (result.costUSD() != null) {
      facts.add("$" + BigDecimal.valueOf(result.costUSD()).setScale(2, RoundingMode.HALF_UP));
    }
    String summary = facts.isEmpty() ? "" : " (" + String.join(", ", facts) + ")";
    if (result.succeeded()) {
      return style.green("[result] completed") + summary;
    }
    String reason = result.reason() != null ? ": " + result.reason() : "";
    return style.red("[result] failed" + reason) + summary;
  }
}

package io.axon.client.render;

import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an agent's raw output stream into the lines people read in {@code axon logs} and {@code
 * axon run --local}:
 *
 * <pre>
 * [init] model=claude-sonnet-4-20250514
 * --- Turn 1 ---
 * Let me investigate issue #42...
 * [tool] Bash: gh issue view 42
 * [tool] Edit src/auth.go
 * [result] completed (8 turns, $0.12)
 * </pre>
 *
 * Works for any agent type: it sees only the {@link AgentEvent}s its {@link AgentOutputReader}
 * makes. Not thread-safe: one renderer per stream.
 */
public final class AgentLogRenderer {

  private final AgentOutputReader reader;
  private final Style style;

  /**
   * @param reader a fresh reader for the agent type whose output this renders
   * @param color whether to colour the markers with ANSI escapes (for a terminal)
   */
  public AgentLogRenderer(AgentOutputReader reader, boolean color) {
    this.reader = reader;
    this.style = new Style(color);
  }

  /** The human-readable lines for one raw output line; often none. */
  public List<String> render(String rawLine) {
    List<String> lines = new ArrayList<>();
    for (AgentEvent event : reader.read(rawLine)) {
      render(event, lines);
    }
    return lines;
  }

  /** The reader this renderer feeds, for the run's result once it has ended. */
  public AgentOutputReader reader() {
    return reader;
  }

  private void render(AgentEvent event, List<String> lines) {
    // Java 17: no pattern matching in switch yet.
    if (event instanceof AgentEvent.Init init) {
      lines.add(style.dim("[init] model=" + init.model()));
    } else if (event instanceof AgentEvent.TurnStarted turn) {
      lines.add(style.bold("--- Turn " + turn.turn() + " ---"));
    } else if (event instanceof AgentEvent.Text text) {
      lines.addAll(text.text().strip().lines().toList());
    } else if (event instanceof AgentEvent.ToolCall call) {
      lines.add(style.cyan("[tool] " + toolCall(call)));
    } else if (event instanceof AgentEvent.ToolError error) {
      lines.add(style.red("[tool error] " + error.tool() + ": " + firstLine(error.message())));
    } else if (event instanceof AgentEvent.Retry retry) {
      lines.add(style.yellow("[retry] attempt " + retry.attempt() + ": " + retry.error()));
    } else if (event instanceof AgentEvent.Finished finished) {
      lines.add(result(finished.result()));
    } else if (event instanceof AgentEvent.Unparsed unparsed) {
      lines.add(unparsed.line());
    }
  }

  /** {@code Bash: <command>} for tools that run commands, {@code Edit <path>} for the others. */
  private static String toolCall(AgentEvent.ToolCall call) {
    if (call.detail() == null || call.detail().isEmpty()) {
      return call.tool();
    }
    return call.tool() + (runsCommands(call.tool()) ? ": " : " ") + call.detail();
  }

  private static boolean runsCommands(String tool) {
    String name = tool.toLowerCase(Locale.ROOT);
    return name.contains("bash") || name.contains("shell") || name.contains("command");
  }

  private String result(RunResult result) {
    String totals = totals(result);
    if (result.succeeded()) {
      return style.green("[result] completed" + totals);
    }
    String why =
        join(result.reason(), result.message() == null ? null : firstLine(result.message()));
    return style.red("[result] failed" + (why.isEmpty() ? "" : ": " + why) + totals);
  }

  /** {@code " (8 turns, $0.12)"}, or less when the agent did not report a figure. */
  private static String totals(RunResult result) {
    List<String> parts = new ArrayList<>();
    if (result.turns() != null) {
      parts.add(result.turns() + (result.turns() == 1 ? " turn" : " turns"));
    }
    if (result.costUSD() != null) {
      parts.add(String.format(Locale.ROOT, "$%.2f", result.costUSD()));
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  private static String join(String reason, String message) {
    if (reason == null || reason.isEmpty()) {
      return message == null ? "" : message;
    }
    return message == null || message.isEmpty() ? reason : reason + ": " + message;
  }

  private static String firstLine(String text) {
    return text.strip().lines().findFirst().orElse("");
  }

  /** ANSI colours, or none. */
  private record Style(boolean color) {
    String dim(String s) {
      return wrap("2", s);
    }

    String bold(String s) {
      return wrap("1", s);
    }

    String cyan(String s) {
      return wrap("36", s);
    }

    String red(String s) {
      return wrap("31", s);
    }

    String yellow(String s) {
      return wrap("33", s);
    }

    String green(String s) {
      return wrap("32", s);
    }

    private String wrap(String code, String s) {
      return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
  }
}

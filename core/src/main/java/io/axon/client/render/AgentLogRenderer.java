package io.axon.client.render;

import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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
 *
 * <p>Everything the agent wrote is strangers' text: it goes through {@link TerminalText}, and an
 * agent line that would pass for one of the markers above is shown quoted ({@code > [result] ...}),
 * so the agent cannot fake the result. A command of several lines shows its first and how many more
 * there are ({@code … (+3 lines)}), or all of them when verbose.
 */
public final class AgentLogRenderer {
  /** Agent text that begins like a line of the renderer's own. */
  private static final Pattern MARKER =
      Pattern.compile("^\\s*(\\[(init|tool|tool error|retry|result)\\]|--- Turn )");

  private static final String CONTINUATION = "    ";
  private static final int MAX_SHOWN_LINE = 200;

  private final AgentOutputReader reader;
  private final Style style;
  private final boolean verbose;

  /**
   * @param reader a fresh reader for the agent type whose output this renders
   * @param color whether to colour the markers with ANSI escapes (for a terminal)
   */
  public AgentLogRenderer(AgentOutputReader reader, boolean color) {
    this(reader, color, false);
  }

  /**
   * @param reader a fresh reader for the agent type whose output this renders
   * @param color whether to colour the markers with ANSI escapes (for a terminal)
   * @param verbose whether to show every line of a tool's command, not just the first
   */
  public AgentLogRenderer(AgentOutputReader reader, boolean color, boolean verbose) {
    this.reader = reader;
    this.style = new Style(color);
    this.verbose = verbose;
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
      lines.add(style.dim("[init] model=" + oneLine(init.model())));
    } else if (event instanceof AgentEvent.TurnStarted turn) {
      lines.add(style.bold("--- Turn " + turn.turn() + " ---"));
    } else if (event instanceof AgentEvent.Text text) {
      clean(text.text()).strip().lines().map(AgentLogRenderer::quoteMarker).forEach(lines::add);
    } else if (event instanceof AgentEvent.ToolCall call) {
      toolCall(call, lines);
    } else if (event instanceof AgentEvent.ToolError error) {
      lines.add(
          style.red("[tool error] " + oneLine(error.tool()) + ": " + firstLine(error.message())));
    } else if (event instanceof AgentEvent.Retry retry) {
      lines.add(style.yellow("[retry] attempt " + retry.attempt() + ": " + oneLine(retry.error())));
    } else if (event instanceof AgentEvent.Finished finished) {
      lines.add(result(finished.result()));
    } else if (event instanceof AgentEvent.Unparsed unparsed) {
      lines.add(quoteMarker(oneLine(unparsed.line())));
    }
  }

  /**
   * {@code Bash: <command>} for tools that run commands, {@code Edit <path>} for the others; a
   * detail of several lines shows its first and a count of the others, or all of them when verbose.
   */
  private void toolCall(AgentEvent.ToolCall call, List<String> lines) {
    String tool = oneLine(call.tool());
    String detail = clean(call.detail());
    if (detail == null || detail.isBlank()) {
      lines.add(style.cyan("[tool] " + tool));
      return;
    }
    List<String> detailLines = detail.strip().lines().toList();
    String prefix = "[tool] " + tool + (runsCommands(tool) ? ": " : " ");
    String first = detailLines.get(0);
    if (detailLines.size() == 1 || !verbose) {
      String more =
          detailLines.size() == 1
              ? ""
              : " … (+%d line%s)"
                  .formatted(detailLines.size() - 1, detailLines.size() == 2 ? "" : "s");
      lines.add(style.cyan(prefix + shorten(first) + more));
      return;
    }
    lines.add(style.cyan(prefix + first));
    detailLines.stream().skip(1).map(line -> CONTINUATION + line).forEach(lines::add);
  }

  private static String shorten(String line) {
    return line.length() <= MAX_SHOWN_LINE ? line : line.substring(0, MAX_SHOWN_LINE - 1) + "…";
  }

  /** An agent line that would pass for a marker line, quoted so that it cannot. */
  private static String quoteMarker(String line) {
    return MARKER.matcher(line).find() ? "> " + line : line;
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
        join(
            oneLine(result.reason()),
            result.message() == null ? null : firstLine(result.message()));
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
    return text == null ? "" : clean(text).strip().lines().findFirst().orElse("");
  }

  // Strangers' text: every string taken from an event goes through one of these two.
  private static String clean(String text) {
    return TerminalText.clean(text);
  }

  private static String oneLine(String text) {
    return text == null ? "" : TerminalText.oneLine(text);
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

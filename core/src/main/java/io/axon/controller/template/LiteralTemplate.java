package io.axon.controller.template;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one way Axon fills in prompt templates: the text is split at its <code>{{ … }}</code> actions
 * once, and {@link #render} copies each value in literally, in a single pass. A value that itself
 * contains <code>{{.Body}}</code> or {@code $(rm -rf /)} comes out exactly as written: it is never
 * read as a template, nor by a shell. What an action may say is up to the caller (the TaskSpawner's
 * fields, a Task's dependency results).
 */
public final class LiteralTemplate {
  private static final int MAX_QUOTED_ACTION = 80;

  /** A piece of a template. */
  public sealed interface Segment permits Text, Action, Unclosed {}

  /** Text outside any action. */
  public record Text(String text) implements Segment {}

  /**
   * One <code>{{ … }}</code>.
   *
   * @param source the action as written, braces included
   * @param inner what is between the braces, without surrounding white space
   * @param position "line L, column C" of its first brace
   */
  public record Action(String source, String inner, String position) implements Segment {}

  /** A <code>{{</code> that no <code>}}</code> closes, and the rest of the text from it. */
  public record Unclosed(String source, String position) implements Segment {}

  private LiteralTemplate() {}

  /** The text's segments, in order. */
  public static List<Segment> split(String text) {
    List<Segment> segments = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int open = text.indexOf("{{", at);
      if (open < 0) {
        segments.add(new Text(text.substring(at)));
        break;
      }
      if (open > at) {
        segments.add(new Text(text.substring(at, open)));
      }
      int close = text.indexOf("}}", open + 2);
      if (close < 0) {
        segments.add(new Unclosed(text.substring(open), position(text, open)));
        break;
      }
      segments.add(
          new Action(
              text.substring(open, close + 2),
              text.substring(open + 2, close).strip(),
              position(text, open)));
      at = close + 2;
    }
    return segments;
  }

  /**
   * The segments with each action replaced by its value, literally, in one pass.
   *
   * @param value an action's value; may throw to refuse an action
   */
  public static String render(List<? extends Segment> segments, Function<Action, String> value) {
    StringBuilder out = new StringBuilder();
    for (Segment segment : segments) {
      if (segment instanceof Action action) {
        out.append(value.apply(action));
      } else if (segment instanceof Text text) {
        out.append(text.text());
      } else {
        out.append(((Unclosed) segment).source());
      }
    }
    return out.toString();
  }

  /** An action quoted for an error message, cut after 80 characters. */
  public static String quote(String action) {
    String shown =
        action.length() > MAX_QUOTED_ACTION
            ? action.substring(0, MAX_QUOTED_ACTION) + "..."
            : action;
    return "'" + shown.replace("\n", "\\n") + "'";
  }

  /** "line L, column C", both from 1. */
  static String position(String text, int index) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return "line %d, column %d".formatted(line, text.codePointCount(lineStart, index) + 1);
  }
}

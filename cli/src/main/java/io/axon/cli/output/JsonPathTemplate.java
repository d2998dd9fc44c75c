package io.axon.cli.output;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import io.axon.cli.ExitCodes;
import io.axon.cli.UserException;
import io.axon.client.render.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A kubectl {@code -o jsonpath=TEMPLATE}: literal text with {@code {EXPRESSION}}s, {@code {"quoted
 * text"}} (where {@code \n} and {@code \t} work), and {@code {range EXPRESSION}...{end}}, which
 * repeats what it encloses for each value. Expressions are kubectl's ({@code .items[*].
 * metadata.name}, {@code [?(@.status.phase=="Failed")]}), evaluated with Jayway JsonPath on the
 * object as {@code -o json} prints it. Several values print separated by spaces, an object or list
 * as JSON; a missing field prints nothing. What is printed is stripped of control characters.
 */
public final class JsonPathTemplate {
  private static final Configuration CONFIG =
      Configuration.defaultConfiguration()
          .addOptions(Option.SUPPRESS_EXCEPTIONS, Option.DEFAULT_PATH_LEAF_TO_NULL);

  private sealed interface Part permits Text, Expr, Range {}

  private record Text(String text) implements Part {}

  private record Expr(JsonPath path) implements Part {}

  private record Range(JsonPath path, List<Part> body) implements Part {}

  private final List<Part> parts;

  private JsonPathTemplate(List<Part> parts) {
    this.parts = parts;
  }

  /** Parses a template; a usage error (exit 2) saying what is wrong. */
  public static JsonPathTemplate parse(String template) {
    List<List<Part>> open = new ArrayList<>();
    List<JsonPath> ranges = new ArrayList<>();
    List<Part> current = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int brace = template.indexOf('{', i);
      if (brace < 0) {
        current.add(new Text(template.substring(i)));
        break;
      }
      if (brace > i) {
        current.add(new Text(template.substring(i, brace)));
      }
      int close = closing(template, brace);
      String inside = template.substring(brace + 1, close).strip();
      if (inside.startsWith("\"") && inside.endsWith("\"") && inside.length() >= 2) {
        current.add(
            new Text(
                inside
                    .substring(1, inside.length() - 1)
                    .replace("\\n", "\n")
                    .replace("\\t", "\t")
                    .replace("\\\"", "\"")));
      } else if (inside.startsWith("range ")) {
        open.add(current);
        ranges.add(path(inside.substring("range ".length()), template));
        current = new ArrayList<>();
      } else if (inside.equals("end")) {
        if (open.isEmpty()) {
          throw bad(template, "{end} without {range}");
        }
        Range range = new Range(ranges.remove(ranges.size() - 1), List.copyOf(current));
        current = open.remove(open.size() - 1);
        current.add(range);
      } else {
        current.add(new Expr(path(inside, template)));
      }
      i = close + 1;
    }
    if (!open.isEmpty()) {
      throw bad(template, "{range} without {end}");
    }
    return new JsonPathTemplate(List.copyOf(current));
  }

  /** The template applied to one JSON document (an object, or a {@code List} of them). */
  public String apply(String json) {
    Object document = CONFIG.jsonProvider().parse(json);
    StringBuilder out = new StringBuilder();
    write(parts, document, out);
    return TerminalText.clean(out.toString());
  }

  private static void write(List<Part> parts, Object node, StringBuilder out) {
    for (Part part : parts) {
      if (part instanceof Text text) {
        out.append(text.text());
      } else if (part instanceof Expr expr) {
        out.append(format(read(expr.path(), node)));
      } else if (part instanceof Range range) {
        Object values = read(range.path(), node);
        for (Object value : values instanceof List<?> list ? list : single(values)) {
          write(range.body(), value, out);
        }
      }
    }
  }

  private static List<Object> single(Object value) {
    List<Object> one = new ArrayList<>();
    if (value != null) {
      one.add(value);
    }
    return one;
  }

  private static Object read(JsonPath path, Object node) {
    return path.read(node, CONFIG);
  }

  private static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof List<?> list) {
      List<String> each = new ArrayList<>();
      for (Object item : list) {
        each.add(item instanceof Map || item instanceof List ? json(item) : String.valueOf(item));
      }
      return String.join(" ", each);
    }
    return value instanceof Map ? json(value) : String.valueOf(value);
  }

  private static String json(Object value) {
    return CONFIG.jsonProvider().toJson(value);
  }

  /** kubectl's {@code .a.b} (or {@code $.a.b}, {@code @.a}) as a JsonPath. */
  private static JsonPath path(String expression, String template) {
    String e = expression.strip();
    if (e.isEmpty() || e.equals("@") || e.equals("$") || e.equals(".")) {
      e = "$";
    } else if (e.startsWith("@") || e.startsWith("$")) {
      e = "$" + e.substring(1);
    } else if (e.startsWith(".") || e.startsWith("[")) {
      e = "$" + e;
    } else {
      e = "$." + e;
    }
    try {
      return JsonPath.compile(e);
    } catch (InvalidPathException ex) {
      throw bad(template, "cannot read {" + expression + "}: " + ex.getMessage());
    }
  }

  /** The brace closing the one at {@code open}, skipping quoted text and nested filters. */
  private static int closing(String template, int open) {
    boolean quoted = false;
    int depth = 0;
    for (int i = open + 1; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"' || c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '{') {
        depth++;
      } else if (!quoted && c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    throw bad(template, "an unclosed {");
  }

  private static UserException bad(String template, String why) {
    return new UserException(
        "-o jsonpath=%s: %s".formatted(TerminalText.oneLine(template), why), ExitCodes.USAGE);
  }
}

package io.axon.controller.spawner;

import io.axon.spi.source.WorkItem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A TaskSpawner's {@code promptTemplate}: the field references of Go's text/template and nothing
 * else.
 *
 * <p>Fields, written {@code {{.Name}}} or {@code {{ .Name }}}:
 *
 * <ul>
 *   <li>{@code {{.Title}}}: the item's title
 *   <li>{@code {{.Body}}}: the item's body (empty when it has none), cut after {@value
 *       #BODY_MAX_BYTES} bytes of UTF-8 with a marker that says so, so that a long issue still fits
 *       in a Task's prompt
 *   <li>{@code {{.Number}}}: the item's number, in decimal (0 when it has none)
 *   <li>{@code {{.URL}}}: the item's link for people
 *   <li>{@code {{.Labels}}}: the item's labels, joined with {@code ", "}
 *   <li>{@code {{.ID}}}: the item's identifier within its source
 *   <li>any key of the item's {@code extra} map; GitHub Issues offers {@code {{.State}}} and {@code
 *       {{.Author}}}
 * </ul>
 *
 * <p>Anything else between {@code {{ }}} (pipelines, functions, {@code if}, {@code range}, trim
 * markers, comments) and an unclosed <code>{{</code> are rejected with the line and column of the
 * action. So is an unknown field: by {@link #parse(String, Set)} when the source's extra fields are
 * known, else by {@link #render} for the item that lacks it. A null or blank template means {@value
 * #DEFAULT}.
 *
 * <p>Issue text is written by strangers, so {@link #render} inserts values literally in one pass: a
 * title that contains {@code {{.Body}}} or {@code $(rm -rf /)} comes out exactly as written and is
 * never read as a template.
 */
public final class PromptTemplate {

  /** The template used when a TaskSpawner sets none. */
  public static final String DEFAULT = "{{.Title}}\n\n{{.Body}}";

  /** The most UTF-8 bytes of an item's body a prompt gets. */
  public static final int BODY_MAX_BYTES = 65_536;

  private static final List<String> BUILT_IN =
      List.of("Title", "Body", "Number", "URL", "Labels", "ID");

  private static final Pattern FIELD = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)");
  private static final int MAX_QUOTED_ACTION = 80;

  private sealed interface Segment permits Text, Field {}

  private record Text(String text) implements Segment {}

  private record Field(String name, String position) implements Segment {}

  private final String source;
  private final List<Segment> segments;
  private final Set<String> extraFields;

  private PromptTemplate(String source, List<Segment> segments, Set<String> extraFields) {
    this.source = source;
    this.segments = List.copyOf(segments);
    this.extraFields = extraFields;
  }

  /**
   * Parses a template whose source is not known yet: any field name is accepted, and one that is
   * neither built in nor among an item's extra keys fails {@link #render}.
   *
   * @throws IllegalArgumentException when the template uses anything but field references
   */
  public static PromptTemplate parse(String template) {
    return parse(template, null);
  }

  /**
   * Parses a template for a source whose items carry these extra keys (see {@code
   * WorkSourceProvider.extraFields()}): a field that is neither built in nor one of them is
   * rejected here.
   *
   * @throws IllegalArgumentException when the template uses anything but known field references
   */
  public static PromptTemplate parse(String template, Set<String> extraFields) {
    String text = template == null || template.isBlank() ? DEFAULT : template;
    Set<String> extras = extraFields == null ? null : Set.copyOf(extraFields);
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
      String position = position(text, open);
      if (close < 0) {
        throw new IllegalArgumentException(
            "promptTemplate: unclosed action %s at %s: close it with }}. %s"
                .formatted(quote(text.substring(open)), position, supported(extras)));
      }
      String action = text.substring(open, close + 2);
      Matcher field = FIELD.matcher(text.substring(open + 2, close).strip());
      if (!field.matches()) {
        throw new IllegalArgumentException(
            "promptTemplate: unsupported action %s at %s: only field references are supported. %s"
                .formatted(quote(action), position, supported(extras)));
      }
      String name = field.group(1);
      if (extras != null && !BUILT_IN.contains(name) && !extras.contains(name)) {
        throw new IllegalArgumentException(
            "promptTemplate: unknown field %s at %s. %s"
                .formatted(quote(action), position, supported(extras)));
      }
      segments.add(new Field(name, position));
      at = close + 2;
    }
    return new PromptTemplate(text, segments, extras);
  }

  /**
   * The prompt for one item. Values are copied as they are, never read as template text.
   *
   * @throws IllegalArgumentException when the template names a field the item does not have
   */
  public String render(WorkItem item) {
    Objects.requireNonNull(item, "item");
    StringBuilder prompt = new StringBuilder(source.length() + item.body().length() + 256);
    for (Segment segment : segments) {
      if (segment instanceof Field field) {
        prompt.append(value(field, item));
      } else {
        prompt.append(((Text) segment).text());
      }
    }
    return prompt.toString();
  }

  /** The template's text, after the default was applied. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }

  private String value(Field field, WorkItem item) {
    return switch (field.name()) {
      case "Title" -> item.title();
      case "Body" -> truncated(item.body(), item.url());
      case "Number" -> Long.toString(item.number());
      case "URL" -> item.url();
      case "Labels" -> String.join(", ", item.labels());
      case "ID" -> item.id();
      default -> extra(field, item.extra());
    };
  }

  /** The body, or its first {@link #BODY_MAX_BYTES} bytes (whole characters) and a marker. */
  static String truncated(String body, String url) {
    int bytes = 0;
    for (int i = 0; i < body.length(); ) {
      int codePoint = body.codePointAt(i);
      int size = utf8Length(codePoint);
      if (bytes + size > BODY_MAX_BYTES) {
        int total = body.getBytes(StandardCharsets.UTF_8).length;
        return body.substring(0, i)
            + "\n\n[… the body was cut here by Axon: %d of its %d bytes are shown%s]"
                .formatted(bytes, total, url == null || url.isEmpty() ? "" : "; all of it: " + url);
      }
      bytes += size;
      i += Character.charCount(codePoint);
    }
    return body;
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    return codePoint < 0x10000 ? 3 : 4;
  }

  private String extra(Field field, Map<String, String> extra) {
    String value = extra.get(field.name());
    if (value == null) {
      throw new IllegalArgumentException(
          "promptTemplate: unknown field {{.%s}} at %s: this source's items do not have it. %s"
              .formatted(
                  field.name(),
                  field.position(),
                  supported(extraFields == null ? extra.keySet() : extraFields)));
    }
    return value;
  }

  private static String supported(Set<String> extras) {
    String builtIn = BUILT_IN.stream().map(n -> "{{." + n + "}}").collect(Collectors.joining(", "));
    if (extras == null) {
      return "Supported fields: "
          + builtIn
          + " and the source's extra fields (GitHub Issues:"
          + " {{.State}}, {{.Author}})";
    }
    return "Supported fields: "
        + Stream.concat(BUILT_IN.stream(), new TreeSet<>(extras).stream())
            .distinct()
            .map(n -> "{{." + n + "}}")
            .collect(Collectors.joining(", "));
  }

  /** "line L, column C", both from 1. */
  private static String position(String text, int index) {
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

  private static String quote(String action) {
    String shown =
        action.length() > MAX_QUOTED_ACTION
            ? action.substring(0, MAX_QUOTED_ACTION) + "..."
            : action;
    return "'" + shown.replace("\n", "\\n") + "'";
  }
}

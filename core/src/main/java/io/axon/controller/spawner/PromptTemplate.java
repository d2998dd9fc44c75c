package io.axon.controller.spawner;

import io.axon.controller.template.LiteralTemplate;
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

  private final String source;
  private final List<LiteralTemplate.Segment> segments;
  private final Set<String> extraFields;

  private PromptTemplate(
      String source, List<LiteralTemplate.Segment> segments, Set<String> extraFields) {
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
    List<LiteralTemplate.Segment> segments = new ArrayList<>();
    for (LiteralTemplate.Segment piece : LiteralTemplate.split(text)) {
      if (piece instanceof LiteralTemplate.Unclosed unclosed) {
        throw new IllegalArgumentException(
            "promptTemplate: unclosed action %s at %s: close it with }}. %s"
                .formatted(quote(unclosed.source()), unclosed.position(), supported(extras)));
      }
      if (!(piece instanceof LiteralTemplate.Action action)) {
        segments.add(piece);
        continue;
      }
      Matcher field = FIELD.matcher(action.inner());
      if (!field.matches()) {
        throw new IllegalArgumentException(
            "promptTemplate: unsupported action %s at %s: only field references are supported. %s"
                .formatted(quote(action.source()), action.position(), supported(extras)));
      }
      String name = field.group(1);
      if (extras != null && !BUILT_IN.contains(name) && !extras.contains(name)) {
        throw new IllegalArgumentException(
            "promptTemplate: unknown field %s at %s. %s"
                .formatted(quote(action.source()), action.position(), supported(extras)));
      }
      segments.add(action);
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
    return LiteralTemplate.render(segments, action -> value(action, item));
  }

  /** The template's text, after the default was applied. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }

  private String value(LiteralTemplate.Action action, WorkItem item) {
    Matcher field = FIELD.matcher(action.inner());
    field.matches(); // parse() accepted only field references
    String name = field.group(1);
    return switch (name) {
      case "Title" -> item.title();
      case "Body" -> truncated(item.body(), item.url());
      case "Number" -> Long.toString(item.number());
      case "URL" -> item.url();
      case "Labels" -> String.join(", ", item.labels());
      case "ID" -> item.id();
      default -> extra(name, action.position(), item.extra());
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

  private String extra(String name, String position, Map<String, String> extra) {
    String value = extra.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "promptTemplate: unknown field {{.%s}} at %s: this source's items do not have it. %s"
              .formatted(
                  name, position, supported(extraFields == null ? extra.keySet() : extraFields)));
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

  private static String quote(String action) {
    return LiteralTemplate.quote(action);
  }
}

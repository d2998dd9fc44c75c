package io.axon.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An exception's message as a user can read it: no class names, no Jackson reference chains, no
 * {@code java.io.IOException:} prefixes. Content that cannot be read is described by where it is
 * wrong (line, column, field), which is what the user can fix.
 */
public final class PlainMessages {
  private PlainMessages() {}

  /** The message for an exception that no command turned into words of its own. */
  public static String of(Throwable ex) {
    for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof tools.jackson.core.JacksonException jackson) {
        return jackson3(jackson);
      }
      if (t instanceof com.fasterxml.jackson.core.JacksonException jackson) {
        return jackson2(jackson);
      }
    }
    String message = ex.getMessage();
    if (message == null || message.isBlank()) {
      return "unexpected " + words(ex.getClass().getSimpleName());
    }
    return withoutClassNames(message);
  }

  private static String jackson3(tools.jackson.core.JacksonException ex) {
    var location = ex.getLocation();
    List<String> path = new ArrayList<>();
    for (var reference : ex.getPath()) {
      path.add(
          reference.getPropertyName() != null
              ? reference.getPropertyName()
              : "[" + reference.getIndex() + "]");
    }
    return describe(
        ex instanceof tools.jackson.core.exc.StreamReadException
            && !(ex instanceof tools.jackson.databind.DatabindException),
        ex.getOriginalMessage(),
        location == null ? -1 : location.getLineNr(),
        location == null ? -1 : location.getColumnNr(),
        path);
  }

  private static String jackson2(com.fasterxml.jackson.core.JacksonException ex) {
    var location = ex.getLocation();
    List<String> path = new ArrayList<>();
    if (ex instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
      for (var reference : mapping.getPath()) {
        path.add(
            reference.getFieldName() != null
                ? reference.getFieldName()
                : "[" + reference.getIndex() + "]");
      }
    }
    return describe(
        ex instanceof com.fasterxml.jackson.core.JsonParseException,
        ex.getOriginalMessage(),
        location == null ? -1 : location.getLineNr(),
        location == null ? -1 : location.getColumnNr(),
        path);
  }

  /**
   * A syntax error keeps its own words (they say which character is wrong); a content error is
   * described by its place, as its own words name Java types.
   */
  private static String describe(
      boolean syntax, String original, int line, int column, List<String> path) {
    StringBuilder text =
        new StringBuilder(syntax ? "not valid JSON or YAML" : "unexpected content");
    if (!path.isEmpty()) {
      text.append(" in field ").append(String.join(".", path).replace(".[", "["));
    }
    if (line > 0) {
      text.append(" at line ").append(line);
      if (column > 0) {
        text.append(", column ").append(column);
      }
    }
    if (syntax && original != null && !original.isBlank()) {
      String first = original.lines().findFirst().orElse("").strip();
      text.append(": ").append(withoutClassNames(first));
    }
    return text.toString();
  }

  /** {@code java.io.IOException: x} becomes {@code x}; {@code io.axon.api.Task} becomes Task. */
  static String withoutClassNames(String message) {
    String text = Objects.requireNonNull(message).strip();
    text = text.replaceAll("^(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ", "");
    text = text.replaceAll("`?(?:[a-z][a-z0-9_]*\\.){2,}([A-Z]\\w*)(?:\\$\\w+)*`?", "$1");
    return text;
  }

  private static String words(String simpleName) {
    return simpleName
        .replaceAll("(Exception|Error)$", " error")
        .replaceAll("([a-z])([A-Z])", "$1 $2")
        .toLowerCase(java.util.Locale.ROOT)
        .strip();
  }
}

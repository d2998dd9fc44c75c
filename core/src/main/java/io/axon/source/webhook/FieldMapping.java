package io.axon.source.webhook;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A generic webhook's {@code fields}: template field name to a JSONPath into the delivery's body.
 * The body is decoded by Vert.x (Jackson's nesting limit applies) and only read: a path finds
 * values, it never evaluates the stranger's text. A path that finds nothing gives {@code ""};
 * strings come as written, numbers and booleans in JSON, objects and arrays as JSON ({@code
 * Labels}: an array's strings, joined with commas).
 */
public final class FieldMapping {
  /** The fields a {@link io.axon.spi.source.WorkItem} has of its own. */
  public static final Set<String> BUILT_IN =
      Set.of("ID", "Title", "Body", "URL", "Number", "Labels");

  /** At most this many UTF-8 bytes of mapped fields per delivery: they wait in the status. */
  public static final int MAX_BYTES = 32 * 1024;

  static final int MAX_FIELDS = 32;
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final Configuration READ =
      Configuration.defaultConfiguration().addOptions(Option.SUPPRESS_EXCEPTIONS);

  private final Map<String, JsonPath> paths;

  private FieldMapping(Map<String, JsonPath> paths) {
    this.paths = paths;
  }

  /**
   * @param fields the {@code fields} setting: a map of names to JSONPath expressions, or null
   * @throws IllegalArgumentException naming the field whose name or path is wrong
   */
  public static FieldMapping parse(Object fields) {
    if (fields == null) {
      return new FieldMapping(Map.of());
    }
    if (!(fields instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("fields must map template field names to JSONPaths");
    }
    if (map.size() > MAX_FIELDS) {
      throw new IllegalArgumentException("fields has more than " + MAX_FIELDS + " entries");
    }
    Map<String, JsonPath> paths = new LinkedHashMap<>();
    for (var entry : map.entrySet()) {
      String name = String.valueOf(entry.getKey());
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "fields." + name + ": a field name is letters, digits and _, as {{.Name}} writes it");
      }
      String path = entry.getValue() == null ? "" : entry.getValue().toString().strip();
      if (!path.startsWith("$")) {
        throw new IllegalArgumentException(
            "fields." + name + ": '" + path + "' is no JSONPath (it starts with $, as $.title)");
      }
      try {
        paths.put(name, JsonPath.compile(path));
      } catch (InvalidPathException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "fields." + name + ": '" + path + "' is no JSONPath: " + e.getMessage());
      }
    }
    return new FieldMapping(Collections.unmodifiableMap(paths));
  }

  /** The names that are not built-in fields, for the prompt template's check. */
  public Set<String> extraFields() {
    return paths.keySet().stream()
        .filter(n -> !BUILT_IN.contains(n))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The fields of this body.
   *
   * @throws IllegalArgumentException when the body is no JSON object or array
   */
  public Map<String, String> apply(byte[] body) {
    Object document;
    try {
      Object decoded = Json.decodeValue(new String(body, StandardCharsets.UTF_8));
      if (decoded instanceof JsonObject object) {
        document = object.getMap();
      } else if (decoded instanceof JsonArray array) {
        document = array.getList();
      } else {
        throw new IllegalArgumentException("the body is no JSON object or array");
      }
    } catch (DecodeException e) {
      throw new IllegalArgumentException("the body is no JSON");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (var entry : paths.entrySet()) {
      Object found = entry.getValue().read(document, READ);
      values.put(entry.getKey(), text(entry.getKey(), found));
    }
    return values;
  }

  private static String text(String name, Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof List<?> list && name.equals("Labels")) {
      return list.stream()
          .filter(v -> v instanceof String)
          .map(String.class::cast)
          .collect(Collectors.joining(","));
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return Json.encode(value);
    }
    return String.valueOf(value);
  }
}

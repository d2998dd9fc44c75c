package io.axon.controller.spawner;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller's {@code sources} setting: per source kind, settings that every TaskSpawner of
 * that kind gets unless it sets them itself, such as {@code githubIssues: {apiBaseURL: ...}} for a
 * GitHub Enterprise Server whose API is not under {@code https://HOST/api/v3}.
 */
public final class SourceDefaults {
  private SourceDefaults() {}

  /** Reads {@code {kind: {key: value}}} into plain maps, lists and scalars. */
  public static Map<String, Map<String, Object>> fromJson(JsonObject json) {
    Map<String, Map<String, Object>> defaults = new LinkedHashMap<>();
    for (String kind : json.fieldNames()) {
      Object settings = plain(json.getValue(kind));
      if (settings instanceof Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        defaults.put(kind, copy);
      } else {
        throw new IllegalArgumentException(
            "sources.%s must be a map of settings, such as {apiBaseURL: https://...}"
                .formatted(kind));
      }
    }
    return defaults;
  }

  private static Object plain(Object value) {
    if (value instanceof JsonObject object) {
      return plain(object.getMap());
    }
    if (value instanceof JsonArray array) {
      return plain(array.getList());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, v) -> copy.put(String.valueOf(key), plain(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(plain(v)));
      return copy;
    }
    return value;
  }
}

package io.axon.source.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMappingTest {
  static final byte[] BODY =
      ("{\"alert\":{\"id\":42,\"title\":\"Disk {{.Body}} full\",\"firing\":true,"
              + "\"tags\":[\"disk\",\"prod\",7],\"labels\":{\"host\":\"db-1\"}}}")
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void readsEachFieldByItsPath() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("ID", "$.alert.id");
    fields.put("Title", "$.alert.title");
    fields.put("Labels", "$.alert.tags");
    fields.put("Firing", "$.alert.firing");
    fields.put("Where", "$.alert.labels");
    fields.put("Missing", "$.alert.nothing.here");
    FieldMapping mapping = FieldMapping.parse(fields);

    assertThat(mapping.apply(BODY))
        .containsExactly(
            Map.entry("ID", "42"),
            Map.entry("Title", "Disk {{.Body}} full"),
            Map.entry("Labels", "disk,prod"),
            Map.entry("Firing", "true"),
            Map.entry("Where", "{\"host\":\"db-1\"}"),
            Map.entry("Missing", ""));
    assertThat(mapping.extraFields()).containsExactly("Firing", "Missing", "Where");
  }

  @Test
  void refusesWrongNamesPathsAndBodies() {
    assertThatThrownBy(() -> FieldMapping.parse(Map.of("Title", "alert.title")))
        .hasMessageContaining("fields.Title: 'alert.title' is no JSONPath");
    assertThatThrownBy(() -> FieldMapping.parse(Map.of("Title", "$.alert..")))
        .hasMessageContaining("fields.Title");
    assertThatThrownBy(() -> FieldMapping.parse(Map.of("a-b", "$.x")))
        .hasMessageContaining("fields.a-b");
    assertThatThrownBy(() -> FieldMapping.parse("$.x")).hasMessageContaining("fields must map");
    FieldMapping mapping = FieldMapping.parse(Map.of("Title", "$.t"));
    assertThatThrownBy(() -> mapping.apply("not json".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("the body is no JSON");
    assertThatThrownBy(() -> mapping.apply("\"text\"".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("the body is no JSON object or array");
  }
}

package io.axon.agent.claudecode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A summary of a Claude Code tool call, for {@link io.axon.spi.agent.AgentEvent}: one line, but a
 * command keeps every line it has, so that what ran can be shown (a second line may be the one that
 * matters).
 */
final class ToolDetail {

  private static final int MAX_LENGTH = 200;
  private static final int MAX_COMMAND_LENGTH = 16_384;

  /** Input fields that say best what a call is about, tried in order for tools not named below. */
  private static final List<String> KEY_FIELDS =
      List.of("file_path", "notebook_path", "path", "pattern", "url", "query", "description");

  private ToolDetail() {}

  static String of(String tool, JsonNode input) {
    if (tool.equals("Bash")) {
      return shorten(input.path("command").asText("").strip(), MAX_COMMAND_LENGTH);
    }
    String detail =
        switch (tool) {
          case "Edit", "Write", "Read", "MultiEdit" -> input.path("file_path").asText("");
          default -> keyField(input);
        };
    return shorten(detail, MAX_LENGTH);
  }

  private static String shorten(String detail, int max) {
    return detail.length() > max ? detail.substring(0, max - 1) + "…" : detail;
  }

  private static String keyField(JsonNode input) {
    for (String field : KEY_FIELDS) {
      if (input.path(field).isTextual()) {
        return firstLine(input.path(field).asText());
      }
    }
    return "";
  }

  private static String firstLine(String text) {
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline).stripTrailing();
  }
}

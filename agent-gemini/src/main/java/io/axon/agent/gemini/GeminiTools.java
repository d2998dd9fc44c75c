package io.axon.agent.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.axon.spi.agent.AgentEvent;
import java.util.List;

/**
 * Gemini CLI's tool calls as {@link AgentEvent}s: {@code run_shell_command} shows as {@code Bash}
 * with its command, file tools by their path, the rest by name and their most telling argument.
 */
final class GeminiTools {

  private static final int MAX_LENGTH = 200;
  private static final int MAX_COMMAND_LENGTH = 16_384;
  private static final List<String> KEY_FIELDS =
      List.of("file_path", "absolute_path", "path", "dir_path", "pattern", "url", "query");

  private GeminiTools() {}

  static String shownName(String tool) {
    return switch (tool) {
      case "run_shell_command" -> "Bash";
      case "write_file" -> "Write";
      case "replace" -> "Edit";
      case "read_file" -> "Read";
      default -> tool;
    };
  }

  static AgentEvent.ToolCall call(String tool, JsonNode parameters) {
    String name = shownName(tool);
    if (name.equals("Bash")) {
      return new AgentEvent.ToolCall(
          name, shorten(parameters.path("command").asText("").strip(), MAX_COMMAND_LENGTH));
    }
    for (String field : KEY_FIELDS) {
      if (parameters.path(field).isTextual()) {
        return new AgentEvent.ToolCall(
            name, shorten(firstLine(parameters.path(field).asText()), MAX_LENGTH));
      }
    }
    return new AgentEvent.ToolCall(name, "");
  }

  private static String firstLine(String text) {
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline).stripTrailing();
  }

  private static String shorten(String detail, int max) {
    return detail.length() > max ? detail.substring(0, max - 1) + "…" : detail;
  }
}

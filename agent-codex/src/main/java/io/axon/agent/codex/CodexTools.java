package io.axon.agent.codex;

import com.fasterxml.jackson.databind.JsonNode;
import io.axon.spi.agent.AgentEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Codex's tool items as {@link AgentEvent}s. Commands show as {@code Bash} with the command the
 * model wrote (Codex wraps it in {@code /bin/bash -lc '...'}), file changes as {@code Edit} with
 * their paths.
 */
final class CodexTools {

  private static final int MAX_LENGTH = 200;
  private static final int MAX_COMMAND_LENGTH = 16_384;
  private static final List<String> SHELLS = List.of("/bin/bash -lc ", "bash -lc ", "/bin/sh -c ");

  private CodexTools() {}

  static AgentEvent.ToolCall call(JsonNode item) {
    return switch (item.path("type").asText()) {
      case "command_execution" ->
          new AgentEvent.ToolCall(
              "Bash", shorten(unwrap(item.path("command").asText("")), MAX_COMMAND_LENGTH));
      case "file_change" -> new AgentEvent.ToolCall("Edit", shorten(paths(item), MAX_LENGTH));
      case "mcp_tool_call" ->
          new AgentEvent.ToolCall(
              item.path("server").asText("mcp") + "." + item.path("tool").asText("tool"), "");
      case "web_search" ->
          new AgentEvent.ToolCall("WebSearch", shorten(item.path("query").asText(""), MAX_LENGTH));
      default -> new AgentEvent.ToolCall(item.path("type").asText("tool"), "");
    };
  }

  /** The failure of a completed tool item, if it failed. */
  static Optional<AgentEvent.ToolError> error(JsonNode item) {
    String status = item.path("status").asText("");
    String type = item.path("type").asText();
    if (type.equals("command_execution")) {
      JsonNode exit = item.path("exit_code");
      if (status.equals("failed") || (exit.isNumber() && exit.asInt() != 0)) {
        String output = item.path("aggregated_output").asText("").strip();
        String message = output.isEmpty() ? "exit status " + exit.asText("?") : output;
        return Optional.of(new AgentEvent.ToolError("Bash", message));
      }
      return Optional.empty();
    }
    if (status.equals("failed")) {
      String message = item.path("error").path("message").asText("failed");
      return Optional.of(new AgentEvent.ToolError(call(item).tool(), message));
    }
    return Optional.empty();
  }

  /** The command inside Codex's {@code /bin/bash -lc '...'} wrapper, unquoted. */
  static String unwrap(String command) {
    String rest = command.strip();
    for (String shell : SHELLS) {
      if (rest.startsWith(shell)) {
        rest = rest.substring(shell.length()).strip();
        if (rest.length() >= 2 && rest.startsWith("'") && rest.endsWith("'")) {
          return rest.substring(1, rest.length() - 1).replace("'\\''", "'");
        }
        if (rest.length() >= 2 && rest.startsWith("\"") && rest.endsWith("\"")) {
          return unescapeDoubleQuoted(rest.substring(1, rest.length() - 1));
        }
        return rest;
      }
    }
    return rest;
  }

  private static String unescapeDoubleQuoted(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
        c = text.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String paths(JsonNode item) {
    List<String> paths = new ArrayList<>();
    item.path("changes").forEach(change -> paths.add(change.path("path").asText("")));
    return String.join(", ", paths);
  }

  private static String shorten(String detail, int max) {
    return detail.length() > max ? detail.substring(0, max - 1) + "…" : detail;
  }
}

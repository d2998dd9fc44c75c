package io.axon.agent.opencode;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axon.spi.agent.McpServerConfig;
import io.axon.spi.agent.McpValue;
import java.util.List;
import java.util.Map;

/**
 * The {@code mcp} key of OpenCode's configuration: a {@code local} server (its {@code command}
 * array is the program and its arguments, {@code environment} its variables) or a {@code remote}
 * one ({@code url}, {@code headers}). A Secret's value is named as {@code {env:VARIABLE}}, which
 * OpenCode replaces when it reads the file.
 *
 * <p>OpenCode replaces {@code {env:...}} and {@code {file:...}} in the file's text before it parses
 * it, so a literal holding either would be expanded, and a variable's value lands unescaped in the
 * JSON: both are refused, with a message that names the server and the entry but never the value.
 */
final class OpenCodeMcp {

  private OpenCodeMcp() {}

  static ObjectNode servers(List<McpServerConfig> servers, Map<String, String> environment) {
    ObjectNode all = JsonNodeFactory.instance.objectNode();
    for (McpServerConfig server : servers) {
      ObjectNode entry = all.putObject(server.name());
      if (server.transport() == McpServerConfig.Transport.STDIO) {
        entry.put("type", "local");
        var command = entry.putArray("command");
        command.add(literal(server, "command", server.command()));
        for (String arg : server.args()) {
          command.add(literal(server, "args", arg));
        }
        entry.set("environment", values(server, "env", server.env(), environment));
      } else {
        entry.put("type", "remote");
        entry.put("url", literal(server, "url", server.url()));
        entry.set("headers", values(server, "headers", server.headers(), environment));
      }
      entry.put("enabled", true);
    }
    return all;
  }

  private static ObjectNode values(
      McpServerConfig server,
      String field,
      Map<String, McpValue> values,
      Map<String, String> environment) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    values.forEach(
        (name, value) -> {
          if (value.literal() != null) {
            out.put(name, literal(server, field + " " + name, value.literal()));
            return;
          }
          String secret = environment.get(value.variable());
          if (secret != null && !jsonSafe(secret)) {
            throw new IllegalArgumentException(
                "MCP server %s, %s %s: OpenCode puts the Secret's value into its JSON unescaped, and this one holds a quote, a backslash or a control character"
                    .formatted(server.name(), field, name));
          }
          out.put(name, "{env:" + value.variable() + "}");
        });
    return out;
  }

  private static String literal(McpServerConfig server, String field, String value) {
    if (value.contains("{env:") || value.contains("{file:")) {
      throw new IllegalArgumentException(
          "MCP server %s, %s: OpenCode would expand {env:...} or {file:...} in it; give it from a Secret instead"
              .formatted(server.name(), field));
    }
    return value;
  }

  private static boolean jsonSafe(String value) {
    return value.chars().noneMatch(c -> c == '"' || c == '\\' || c < 0x20);
  }
}

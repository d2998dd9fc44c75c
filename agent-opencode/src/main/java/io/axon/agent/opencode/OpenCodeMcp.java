package io.axon.agent.opencode;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
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
 * <p>OpenCode replaces {@code {env:...}} and then {@code {file:...}} in the file's text before it
 * parses it as JSON, so every literal is written with its {@code {} as the JSON escape {@code
 * \\u007b}: the text holds no {@code {env:} or {@code {file:} of it, and the parsed value is the
 * literal as written. A variable's value lands in the text unescaped: one that would break the JSON
 * (a quote, a backslash, a control character) or be expanded ({@code {file:}) is refused, with a
 * message that names the server and the entry but never the value.
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
        command.addRawValue(literal(server.command()));
        for (String arg : server.args()) {
          command.addRawValue(literal(arg));
        }
        entry.set("environment", values(server, "env", server.env(), environment));
      } else {
        entry.put("type", "remote");
        entry.putRawValue("url", literal(server.url()));
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
            out.putRawValue(name, literal(value.literal()));
            return;
          }
          String secret = environment.get(value.variable());
          if (secret != null && !jsonSafe(secret)) {
            throw new IllegalArgumentException(
                "MCP server %s, %s %s: OpenCode puts the Secret's value into its JSON unescaped, and this one holds a quote, a backslash or a control character"
                    .formatted(server.name(), field, name));
          }
          if (secret != null && secret.contains("{file:")) {
            throw new IllegalArgumentException(
                "MCP server %s, %s %s: OpenCode would expand {file:...} in the Secret's value"
                    .formatted(server.name(), field, name));
          }
          out.put(name, "{env:" + value.variable() + "}");
        });
    return out;
  }

  /** The literal as a JSON string whose text holds no {@code {}, so OpenCode expands nothing. */
  private static RawValue literal(String value) {
    String escaped = new String(JsonStringEncoder.getInstance().quoteAsString(value));
    return new RawValue("\"" + escaped.replace("{", "\\u007b") + "\"");
  }

  private static boolean jsonSafe(String value) {
    return value.chars().noneMatch(c -> c == '"' || c == '\\' || c < 0x20);
  }
}

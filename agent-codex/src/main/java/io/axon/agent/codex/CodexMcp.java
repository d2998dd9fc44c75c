package io.axon.agent.codex;

import io.axon.spi.agent.McpServerConfig;
import io.axon.spi.agent.McpValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code [mcp_servers.NAME]} tables of Codex's {@code config.toml}: a server it starts ({@code
 * command}, {@code args}, {@code env}) or one over streamable HTTP ({@code url}, {@code
 * http_headers}).
 *
 * <p>A Secret's value never enters the file. A header names the variable that holds it ({@code
 * env_http_headers}). A stdio server's variable can only be forwarded by its own name ({@code
 * env_vars}: Codex starts a server with a few variables of its own environment and those), so the
 * agent's environment gets it under that name ({@link #variables()}); a name the agent's
 * environment already holds with another value, or two servers wanting different values under one
 * name, is refused.
 */
final class CodexMcp {

  private final StringBuilder toml = new StringBuilder();
  private final Map<String, String> variables = new LinkedHashMap<>();

  CodexMcp(List<McpServerConfig> servers, Map<String, String> environment) {
    for (McpServerConfig server : servers) {
      toml.append("\n[mcp_servers.").append(server.name()).append("]\n");
      if (server.transport() == McpServerConfig.Transport.STDIO) {
        toml.append("command = ").append(string(server.command())).append('\n');
        toml.append("args = ").append(array(server.args())).append('\n');
        Map<String, String> literals = new LinkedHashMap<>();
        List<String> forwarded = new ArrayList<>();
        server
            .env()
            .forEach(
                (name, value) -> {
                  if (value.literal() != null) {
                    literals.put(name, value.literal());
                  } else {
                    forward(server, name, value, environment);
                    forwarded.add(name);
                  }
                });
        toml.append("env = ").append(table(literals)).append('\n');
        toml.append("env_vars = ").append(array(forwarded)).append('\n');
      } else {
        toml.append("url = ").append(string(server.url())).append('\n');
        Map<String, String> literals = new LinkedHashMap<>();
        Map<String, String> fromVariables = new LinkedHashMap<>();
        server
            .headers()
            .forEach(
                (name, value) -> {
                  if (value.literal() != null) {
                    literals.put(name, value.literal());
                  } else {
                    fromVariables.put(name, value.variable());
                  }
                });
        toml.append("http_headers = ").append(table(literals)).append('\n');
        toml.append("env_http_headers = ").append(table(fromVariables)).append('\n');
      }
    }
  }

  /** The tables, to append to the rest of {@code config.toml}. */
  String toml() {
    return toml.toString();
  }

  /** Variables the agent's environment needs: the Secrets its stdio servers get by name. */
  Map<String, String> variables() {
    return Map.copyOf(variables);
  }

  private void forward(
      McpServerConfig server, String name, McpValue value, Map<String, String> environment) {
    String secret = environment.getOrDefault(value.variable(), "");
    String held = variables.containsKey(name) ? variables.get(name) : environment.get(name);
    if (held != null && !held.equals(secret)) {
      throw new IllegalArgumentException(
          "MCP server %s, env %s: Codex passes a Secret to a server under its own name, and the agent's environment has %s with another value already"
              .formatted(server.name(), name, name));
    }
    variables.put(name, secret);
  }

  private static String table(Map<String, String> entries) {
    List<String> pairs = new ArrayList<>();
    entries.forEach((key, value) -> pairs.add(string(key) + " = " + string(value)));
    return "{ " + String.join(", ", pairs) + (pairs.isEmpty() ? "}" : " }");
  }

  private static String array(List<String> values) {
    return "[" + String.join(", ", values.stream().map(CodexMcp::string).toList()) + "]";
  }

  /** A TOML basic string holding the value exactly: quotes, backslashes and controls escaped. */
  static String string(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append("\\u%04X".formatted((int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}

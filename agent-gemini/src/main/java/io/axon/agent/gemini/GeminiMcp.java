package io.axon.agent.gemini;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axon.spi.agent.McpServerConfig;
import io.axon.spi.agent.McpValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code mcpServers} key of Gemini CLI's {@code settings.json}: a server it starts ({@code
 * command}, {@code args}, {@code env}) or one at a URL ({@code type: "http"}, {@code url}, {@code
 * headers}). A Secret's value is named as {@code ${VARIABLE}}, which the CLI replaces from its
 * environment when it loads the file.
 *
 * <p>The CLI replaces {@code $NAME} and {@code ${NAME}} in every string of its settings, so a
 * literal holding a {@code $} is not written into the file: it goes into a variable of its own
 * ({@code MCP_LITERAL_<n>}, in {@link #variables()}) that the file names, and so arrives as it was
 * written. A header's and a stdio server's variable's value is expanded a second time when the CLI
 * connects, by dotenv-expand (recursively, from an environment without the credentials), whose
 * escape is {@code \$}: there the variable holds the literal with every {@code $} so escaped. A
 * Secret's value that holds a {@code $} is expanded that second time too, so it goes the same way:
 * its escaped copy ({@code MCP_SECRET_ESCAPED_<n>}) is read from the Secret's variable in the
 * entrypoint's environment.
 */
final class GeminiMcp {

  static final String LITERAL_VARIABLE_PREFIX = "MCP_LITERAL_";

  /**
   * A Secret's escaped copy: named like a secret, so redaction and the CLI's own filters see it.
   */
  static final String SECRET_COPY_PREFIX = "MCP_SECRET_ESCAPED_";

  private final Map<String, String> variables = new LinkedHashMap<>();
  private final ObjectNode servers = JsonNodeFactory.instance.objectNode();

  private final Map<String, String> environment;

  /**
   * @param environment the entrypoint's, where the Job put each Secret's value
   */
  GeminiMcp(List<McpServerConfig> configs, Map<String, String> environment) {
    this.environment = environment;
    for (McpServerConfig server : configs) {
      ObjectNode entry = servers.putObject(server.name());
      if (server.transport() == McpServerConfig.Transport.STDIO) {
        entry.put("command", literal(server.command()));
        var args = entry.putArray("args");
        server.args().forEach(arg -> args.add(literal(arg)));
        entry.set("env", expandedTwice(server.env()));
      } else {
        entry.put("type", "http");
        entry.put("url", literal(server.url()));
        entry.set("headers", expandedTwice(server.headers()));
      }
    }
  }

  /** The {@code mcpServers} object. */
  ObjectNode servers() {
    return servers;
  }

  /** Variables the agent's environment needs for the literals that hold a {@code $}. */
  Map<String, String> variables() {
    return Map.copyOf(variables);
  }

  /** Headers or env: the settings' expansion, then dotenv-expand's when the CLI connects. */
  private ObjectNode expandedTwice(Map<String, McpValue> values) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    values.forEach(
        (name, value) ->
            out.put(
                name,
                value.literal() != null ? twice(value.literal()) : secretTwice(value.variable())));
    return out;
  }

  /** A literal both expansions read: escaped for the second. */
  private String twice(String literal) {
    return viaVariable(LITERAL_VARIABLE_PREFIX, literal, literal.replace("$", "\\$"));
  }

  /** A Secret's variable, or an escaped copy of its value when that holds a {@code $}. */
  private String secretTwice(String variable) {
    String value = environment.get(variable);
    return value != null && value.indexOf('$') >= 0
        ? viaVariable(SECRET_COPY_PREFIX, value, value.replace("$", "\\$"))
        : "${" + variable + "}";
  }

  /** A string only the settings' expansion reads. */
  private String literal(String value) {
    return viaVariable(LITERAL_VARIABLE_PREFIX, value, value);
  }

  /** The value itself when it holds no {@code $}, else a new variable holding {@code held}. */
  private String viaVariable(String prefix, String value, String held) {
    if (value.indexOf('$') < 0) {
      return value;
    }
    String variable = prefix + variables.size();
    variables.put(variable, held);
    return "${" + variable + "}";
  }
}

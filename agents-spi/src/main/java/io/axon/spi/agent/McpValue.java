package io.axon.spi.agent;

/**
 * An MCP server's environment variable or header value: a literal, or the name of a variable of the
 * agent's environment that holds it (a Secret's value, which no configuration file may hold).
 * Exactly one of the two is set.
 *
 * @param literal the value as written, to be taken literally (no expansion of any kind)
 * @param variable the environment variable holding the value
 */
public record McpValue(String literal, String variable) {

  public McpValue {
    if ((literal == null) == (variable == null)) {
      throw new IllegalArgumentException("an MCP value is a literal or a variable, not both");
    }
  }

  public static McpValue literal(String value) {
    return new McpValue(value, null);
  }

  public static McpValue fromVariable(String name) {
    return new McpValue(null, name);
  }
}

package io.axon.spi.agent;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An MCP server the agent may use, as the Task's AgentConfigs name it, for a runtime to write into
 * its CLI's own configuration ({@link AgentRuntime#configuresMcpServers()}). A value that comes
 * from a Secret is given by the variable of the agent's environment that holds it, never itself.
 *
 * @param name the server's name, {@code [A-Za-z0-9][A-Za-z0-9_-]*}
 * @param transport how the agent reaches it
 * @param command stdio: the program to start (no shell); null for http
 * @param args stdio: its arguments
 * @param env stdio: the server's environment variables
 * @param url http: the server's URL; null for stdio
 * @param headers http: request headers
 */
public record McpServerConfig(
    String name,
    Transport transport,
    String command,
    List<String> args,
    Map<String, McpValue> env,
    String url,
    Map<String, McpValue> headers) {

  /** stdio: the agent starts {@code command}; http: streamable HTTP at {@code url}. */
  public enum Transport {
    STDIO,
    HTTP
  }

  public McpServerConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transport, "transport");
    if (transport == Transport.STDIO && (command == null || command.isEmpty())) {
      throw new IllegalArgumentException("MCP server " + name + ": stdio needs a command");
    }
    if (transport == Transport.HTTP && (url == null || url.isEmpty())) {
      throw new IllegalArgumentException("MCP server " + name + ": http needs a url");
    }
    args = args == null ? List.of() : List.copyOf(args);
    env = env == null ? Map.of() : Map.copyOf(env);
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** A server the agent starts. */
  public static McpServerConfig stdio(
      String name, String command, List<String> args, Map<String, McpValue> env) {
    return new McpServerConfig(name, Transport.STDIO, command, args, env, null, Map.of());
  }

  /** A server the agent reaches over streamable HTTP. */
  public static McpServerConfig http(String name, String url, Map<String, McpValue> headers) {
    return new McpServerConfig(name, Transport.HTTP, null, List.of(), Map.of(), url, headers);
  }
}

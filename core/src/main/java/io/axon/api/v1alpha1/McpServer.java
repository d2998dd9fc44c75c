package io.axon.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** An MCP server the agent may use: a command it starts (stdio) or a URL (http). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.type != 'stdio' || (has(self.command) && !has(self.url) && !has(self.headers))",
    message = "an mcpServers entry of type stdio needs command (and args, env), not url or headers")
@ValidationRule(
    value = "self.type != 'http' || (has(self.url) && !has(self.command) && !has(self.args))",
    message = "an mcpServers entry of type http needs url (and headers), not command or args")
public class McpServer {
  @Required
  @Size(min = 1, max = 63)
  @Pattern("^[A-Za-z0-9][A-Za-z0-9_-]*$")
  @JsonPropertyDescription("The server's name, as the agent shows its tools (mcp__<name>__...).")
  private String name;

  @Required
  @Pattern("^(stdio|http)$")
  @JsonPropertyDescription("stdio (the agent starts command) or http (streamable HTTP at url).")
  private String type;

  @Size(max = 1024)
  @JsonPropertyDescription("stdio: the program to start, found on the image's PATH.")
  private String command;

  @Size(max = 64)
  @JsonPropertyDescription("stdio: its arguments, passed as they are (no shell).")
  private List<String> args;

  @Size(max = 32)
  @JsonPropertyDescription("stdio: environment variables of the server, values or from Secrets.")
  private List<McpValue> env;

  @Size(max = 2048)
  @Pattern("^https?://[^\\s]+$")
  @JsonPropertyDescription("http: the server's URL.")
  private String url;

  @Size(max = 32)
  @JsonPropertyDescription("http: request headers, values or from Secrets (Authorization...).")
  private List<McpValue> headers;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getCommand() {
    return command;
  }

  public void setCommand(String command) {
    this.command = command;
  }

  public List<String> getArgs() {
    return args;
  }

  public void setArgs(List<String> args) {
    this.args = args;
  }

  public List<McpValue> getEnv() {
    return env;
  }

  public void setEnv(List<McpValue> env) {
    this.env = env;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public List<McpValue> getHeaders() {
    return headers;
  }

  public void setHeaders(List<McpValue> headers) {
    this.headers = headers;
  }
}

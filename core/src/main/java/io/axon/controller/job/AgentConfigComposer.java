package io.axon.controller.job;

import io.axon.api.v1alpha1.AgentConfigFile;
import io.axon.api.v1alpha1.AgentConfigSpec;
import io.axon.api.v1alpha1.McpServer;
import io.axon.api.v1alpha1.McpValue;
import io.axon.spi.agent.AgentRuntime;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Composes a Task's AgentConfigs, in the order the Task lists them, into the files its agent reads:
 * instructions are joined (first to last, a blank line between), MCP servers and files are merged
 * by name and path (a later config's replaces an earlier's), and the instructions and MCP files
 * Axon writes win over a {@code files} entry of the same path. A pure function of its inputs.
 *
 * <p>A Secret's value never enters a file: the MCP configuration names a variable ({@code
 * ${MCP_SECRET_<n>}}, which Claude Code expands when it reads its configuration) and the agent
 * container gets that variable from the Secret by {@code secretKeyRef}. Claude Code expands {@code
 * ${NAME}} (and {@code ${NAME:-default}}) in every string of an MCP server, a header twice (so a
 * literal moved into a variable is expanded from it again), and documents no escape: a literal
 * holding {@code ${} would not reach the server as written ({@code ${ANTHROPIC_API_KEY}} or another
 * server's {@code ${MCP_SECRET_0}} in it would be replaced), so it is refused. Codex, Gemini CLI and
 * OpenCode get their servers through {@value #MCP_SERVERS_VARIABLE}, and their plugins write each
 * CLI's own format into the configuration file they write anyway.
 */
public final class AgentConfigComposer {

  /** Claude Code's user configuration, whose {@code mcpServers} it loads at start. */
  static final String CLAUDE_MCP_FILE = ".claude.json";

  /** The one runtime whose MCP servers Axon writes itself, into {@value #CLAUDE_MCP_FILE}. */
  static final String CLAUDE_CODE = "claude-code";

  /**
   * How a runtime that {@linkplain AgentRuntime#configuresMcpServers() configures MCP servers
   * itself} gets them: a JSON array of the SPI's {@code McpServerConfig}s, the agent image
   * interface's variable (docs/agent-image-interface.md).
   */
  static final String MCP_SERVERS_VARIABLE = "AXON_MCP_SERVERS";

  /**
   * Prefix of the variables that carry Secrets to MCP servers (not AXON_: the entrypoint drops
   * those).
   */
  static final String SECRET_VARIABLE_PREFIX = "MCP_SECRET_";

  private AgentConfigComposer() {}

  /** Why a configuration cannot apply to this agent type. */
  public static final class UnsupportedConfigException extends Exception {
    UnsupportedConfigException(String message) {
      super(message);
    }
  }

  /**
   * What the runtime's pod needs for these configurations: files under HOME and variables. Where
   * the instructions go is the runtime's own {@link AgentRuntime#instructionsFile()}.
   */
  public static AgentSetup compose(AgentRuntime runtime, List<AgentConfigSpec> configs)
      throws UnsupportedConfigException {
    String agentType = runtime.type();
    if (configs.isEmpty()) {
      return AgentSetup.NONE;
    }
    List<String> instructions = new ArrayList<>();
    Map<String, McpServer> servers = new LinkedHashMap<>();
    Map<String, String> files = new LinkedHashMap<>();
    for (AgentConfigSpec config : configs) {
      if (config.getInstructions() != null && !config.getInstructions().isBlank()) {
        instructions.add(config.getInstructions().strip());
      }
      if (config.getMcpServers() != null) {
        for (McpServer server : config.getMcpServers()) {
          servers.remove(server.getName()); // A replacement takes the later place.
          servers.put(server.getName(), server);
        }
      }
      if (config.getFiles() != null) {
        for (AgentConfigFile file : config.getFiles()) {
          files.remove(file.getPath());
          files.put(file.getPath(), file.getContent() == null ? "" : file.getContent());
        }
      }
    }
    List<EnvVar> env = new ArrayList<>();
    if (!instructions.isEmpty()) {
      String path =
          runtime
              .instructionsFile()
              .orElseThrow(
                  () ->
                      new UnsupportedConfigException(
                          "AgentConfig instructions: agent type \"%s\" does not say where it reads global instructions (its plugin's AgentRuntime.instructionsFile())"
                              .formatted(agentType)));
      files.remove(path);
      files.put(path, String.join("\n\n", instructions) + "\n");
    }
    if (!servers.isEmpty()) {
      if (CLAUDE_CODE.equals(agentType)) {
        files.remove(CLAUDE_MCP_FILE);
        files.put(CLAUDE_MCP_FILE, claudeMcpConfig(servers.values(), env));
      } else if (runtime.configuresMcpServers()) {
        env.add(ContainerEnv.literal(MCP_SERVERS_VARIABLE, mcpServersJson(servers.values(), env)));
      } else {
        throw new UnsupportedConfigException(
            "AgentConfig mcpServers: agent type \"%s\" does not take MCP servers (its plugin's AgentRuntime.configuresMcpServers() is false)"
                .formatted(agentType));
      }
    }
    List<AgentSetup.HomeFile> homeFiles = new ArrayList<>();
    files.forEach((path, content) -> homeFiles.add(new AgentSetup.HomeFile(path, content)));
    return new AgentSetup(homeFiles, env);
  }

  private static String claudeMcpConfig(Iterable<McpServer> servers, List<EnvVar> env)
      throws UnsupportedConfigException {
    JsonObject all = new JsonObject();
    for (McpServer server : servers) {
      JsonObject entry = new JsonObject().put("type", server.getType());
      if ("stdio".equals(server.getType())) {
        entry.put("command", claudeLiteral(server, "command", server.getCommand()));
        JsonArray args = new JsonArray();
        for (String arg : server.getArgs() == null ? List.<String>of() : server.getArgs()) {
          args.add(claudeLiteral(server, "args", arg));
        }
        entry.put("args", args);
        entry.put("env", values(server, "env", server.getEnv(), env));
      } else {
        entry.put("url", claudeLiteral(server, "url", server.getUrl()));
        entry.put("headers", values(server, "headers", server.getHeaders(), env));
      }
      all.put(server.getName(), entry);
    }
    return new JsonObject().put("mcpServers", all).encodePrettily() + "\n";
  }

  /**
   * The servers for {@value #MCP_SERVERS_VARIABLE}, as the SPI's {@code McpServerConfig} records
   * read from JSON: Secrets by variable name, never by value.
   */
  private static String mcpServersJson(Iterable<McpServer> servers, List<EnvVar> env) {
    JsonArray all = new JsonArray();
    for (McpServer server : servers) {
      boolean stdio = "stdio".equals(server.getType());
      all.add(
          new JsonObject()
              .put("name", server.getName())
              .put("transport", stdio ? "STDIO" : "HTTP")
              .put("command", stdio ? server.getCommand() : null)
              .put(
                  "args",
                  new JsonArray(stdio && server.getArgs() != null ? server.getArgs() : List.of()))
              .put("env", pluginValues(stdio ? server.getEnv() : null, env))
              .put("url", stdio ? null : server.getUrl())
              .put("headers", pluginValues(stdio ? null : server.getHeaders(), env)));
    }
    return all.encode();
  }

  private static JsonObject pluginValues(List<McpValue> values, List<EnvVar> env) {
    JsonObject out = new JsonObject();
    for (McpValue value : values == null ? List.<McpValue>of() : values) {
      out.put(
          value.getName(),
          value.getValue() != null
              ? new JsonObject().put("literal", value.getValue())
              : new JsonObject().put("variable", secretVariable(value, env)));
    }
    return out;
  }

  /** A new variable of the agent container from the value's Secret key; returns its name. */
  private static String secretVariable(McpValue value, List<EnvVar> env) {
    String variable = SECRET_VARIABLE_PREFIX + env.size();
    env.add(
        new EnvVarBuilder()
            .withName(variable)
            .withNewValueFrom()
            .withNewSecretKeyRef()
            .withName(value.getSecretKeyRef().getName())
            .withKey(value.getSecretKeyRef().getKey())
            .endSecretKeyRef()
            .endValueFrom()
            .build());
    return variable;
  }

  private static JsonObject values(
      McpServer server, String field, List<McpValue> values, List<EnvVar> env)
      throws UnsupportedConfigException {
    JsonObject out = new JsonObject();
    for (McpValue value : values == null ? List.<McpValue>of() : values) {
      Optional<String> literal = Optional.ofNullable(value.getValue());
      if (literal.isPresent()) {
        out.put(
            value.getName(), claudeLiteral(server, field + " " + value.getName(), literal.get()));
        continue;
      }
      out.put(value.getName(), "${" + secretVariable(value, env) + "}");
    }
    return out;
  }

  /** The literal, which Claude Code reads as written only when it holds no {@code ${}. */
  private static String claudeLiteral(McpServer server, String field, String literal)
      throws UnsupportedConfigException {
    if (literal != null && literal.contains("${")) {
      throw new UnsupportedConfigException(
          "AgentConfig mcpServers: server \"%s\", %s: Claude Code replaces ${...} in it with its own environment variables and has no escape for it, so the value would not reach the server as written"
              .formatted(server.getName(), field));
    }
    return literal;
  }
}

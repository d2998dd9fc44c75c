package io.axon.controller.job;

import io.axon.api.v1alpha1.AgentConfigFile;
import io.axon.api.v1alpha1.AgentConfigSpec;
import io.axon.api.v1alpha1.McpServer;
import io.axon.api.v1alpha1.McpValue;
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
 * container gets that variable from the Secret by {@code secretKeyRef}.
 */
public final class AgentConfigComposer {

  /** Where each agent type reads its global instructions, relative to HOME. */
  static final Map<String, String> INSTRUCTIONS_FILE =
      Map.of(
          "claude-code", ".claude/CLAUDE.md",
          "codex", ".codex/AGENTS.md",
          "gemini", ".gemini/GEMINI.md",
          "opencode", ".config/opencode/AGENTS.md");

  /** Claude Code's user configuration, whose {@code mcpServers} it loads at start. */
  static final String CLAUDE_MCP_FILE = ".claude.json";

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

  public static AgentSetup compose(String agentType, List<AgentConfigSpec> configs)
      throws UnsupportedConfigException {
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
      String path = INSTRUCTIONS_FILE.get(agentType);
      if (path == null) {
        throw new UnsupportedConfigException(
            "AgentConfig instructions: Axon does not know where agent type \"%s\" reads its global instructions (it knows %s)"
                .formatted(
                    agentType,
                    String.join(", ", INSTRUCTIONS_FILE.keySet().stream().sorted().toList())));
      }
      files.remove(path);
      files.put(path, String.join("\n\n", instructions) + "\n");
    }
    if (!servers.isEmpty()) {
      if (!"claude-code".equals(agentType)) {
        throw new UnsupportedConfigException(
            "AgentConfig mcpServers: Axon configures MCP servers for claude-code only, not yet for \"%s\""
                .formatted(agentType));
      }
      files.remove(CLAUDE_MCP_FILE);
      files.put(CLAUDE_MCP_FILE, claudeMcpConfig(servers.values(), env));
    }
    List<AgentSetup.HomeFile> homeFiles = new ArrayList<>();
    files.forEach((path, content) -> homeFiles.add(new AgentSetup.HomeFile(path, content)));
    return new AgentSetup(homeFiles, env);
  }

  private static String claudeMcpConfig(Iterable<McpServer> servers, List<EnvVar> env) {
    JsonObject all = new JsonObject();
    for (McpServer server : servers) {
      JsonObject entry = new JsonObject().put("type", server.getType());
      if ("stdio".equals(server.getType())) {
        entry.put("command", server.getCommand());
        entry.put("args", new JsonArray(server.getArgs() == null ? List.of() : server.getArgs()));
        entry.put("env", values(server.getEnv(), env));
      } else {
        entry.put("url", server.getUrl());
        entry.put("headers", values(server.getHeaders(), env));
      }
      all.put(server.getName(), entry);
    }
    return new JsonObject().put("mcpServers", all).encodePrettily() + "\n";
  }

  private static JsonObject values(List<McpValue> values, List<EnvVar> env) {
    JsonObject out = new JsonObject();
    for (McpValue value : values == null ? List.<McpValue>of() : values) {
      Optional<String> literal = Optional.ofNullable(value.getValue());
      if (literal.isPresent()) {
        out.put(value.getName(), literal.get());
        continue;
      }
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
      out.put(value.getName(), "${" + variable + "}");
    }
    return out;
  }
}

package io.axon.agent.opencode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axon.spi.agent.McpServerConfig;
import java.util.List;
import java.util.Map;

/**
 * The {@code ~/.config/opencode/opencode.json} each run gets: the Anthropic provider at the
 * configured base URL (the AI SDK's base URL ends in {@code /v1}, Claude Code's does not), every
 * tool allowed (the pod is the sandbox), no auto-update, no sharing, no workspace snapshots (a
 * second git store that only costs time in a one-shot run), and the Task's MCP servers ({@link
 * OpenCodeMcp}).
 */
final class OpenCodeConfig {

  static final String PATH = ".config/opencode/opencode.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenCodeConfig() {}

  static String json(String anthropicBaseUrl) {
    return json(anthropicBaseUrl, List.of(), Map.of());
  }

  static String json(
      String anthropicBaseUrl, List<McpServerConfig> mcpServers, Map<String, String> environment) {
    String base = anthropicBaseUrl.replaceAll("/+$", "");
    ObjectNode config = JSON.createObjectNode();
    config.put("autoupdate", false).put("share", "disabled").put("snapshot", false);
    config.put("permission", "allow");
    config
        .putObject("provider")
        .putObject("anthropic")
        .putObject("options")
        .put("baseURL", base.endsWith("/v1") ? base : base + "/v1");
    if (!mcpServers.isEmpty()) {
      config.set("mcp", OpenCodeMcp.servers(mcpServers, environment));
    }
    return config.toPrettyString() + "\n";
  }
}

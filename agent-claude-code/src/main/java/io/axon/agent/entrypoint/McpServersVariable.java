package io.axon.agent.entrypoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.agent.entrypoint.EntrypointConfig.InvalidConfigurationException;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.McpServerConfig;
import java.util.List;
import java.util.Map;

/**
 * {@code AXON_MCP_SERVERS}: the MCP servers of the Task's AgentConfigs, a JSON array of {@link
 * McpServerConfig} that the controller writes for a runtime that {@linkplain
 * AgentRuntime#configuresMcpServers() configures them itself}. It holds no Secret's value, only the
 * names of the variables that do.
 */
final class McpServersVariable {

  static final String NAME = "AXON_MCP_SERVERS";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private McpServersVariable() {}

  /** The servers the variable names, none when it is unset; refused for a runtime without MCP. */
  static List<McpServerConfig> read(Map<String, String> env, AgentRuntime runtime)
      throws InvalidConfigurationException {
    String value = env.get(NAME);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<McpServerConfig> servers;
    try {
      servers = JSON.readValue(value, new TypeReference<List<McpServerConfig>>() {});
    } catch (JsonProcessingException e) {
      throw new InvalidConfigurationException(
          NAME + " is not a JSON array of MCP servers: " + e.getOriginalMessage());
    }
    if (!servers.isEmpty() && !runtime.configuresMcpServers()) {
      throw new InvalidConfigurationException(
          NAME + " names MCP servers, but agent type " + runtime.type() + " cannot configure them");
    }
    return servers;
  }
}

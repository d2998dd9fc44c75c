package io.axon.agent.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axon.spi.agent.McpServerConfig;
import io.axon.spi.agent.McpValue;
import java.util.List;
import java.util.Map;

/**
 * The headers the MCP header E2Es give the {@link ScriptedMcpServer} {@code probe}: an
 * Authorization from a fake Secret, by the variable the Job delivers it in, and a literal {@code
 * X-Probe}; and {@code AXON_MCP_SERVERS} naming them for an entrypoint.
 */
public final class ProbeMcpHeaders {
  public static final String SECRET = "mcp-http-s3cret-4b7e";
  public static final String AUTHORIZATION = "Bearer " + SECRET;

  /** The variable the Job gives the Authorization header's Secret value in. */
  public static final String SECRET_VARIABLE = "MCP_SECRET_0";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProbeMcpHeaders() {}

  /** {@code AXON_MCP_SERVERS}: the server at {@code url}, its Authorization from the variable. */
  public static String serversVariable(String url) throws JsonProcessingException {
    return servers(url, Map.of("Authorization", McpValue.fromVariable(SECRET_VARIABLE)));
  }

  /** {@code AXON_MCP_SERVERS} as {@link #serversVariable(String)}, and X-Probe: {@code literal}. */
  public static String serversVariable(String url, String literal) throws JsonProcessingException {
    return servers(
        url,
        Map.of(
            "Authorization",
            McpValue.fromVariable(SECRET_VARIABLE),
            "X-Probe",
            McpValue.literal(literal)));
  }

  private static String servers(String url, Map<String, McpValue> headers)
      throws JsonProcessingException {
    return JSON.writeValueAsString(List.of(McpServerConfig.http("probe", url, headers)));
  }
}

package io.axon.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * What the MCP header tests check of every request a {@link ScriptedMcpServer} received: a header
 * as written, and no header holding the pod's API key.
 */
public final class McpRequestChecks {

  private McpRequestChecks() {}

  /** Every request carries {@code header} with exactly {@code value}. */
  public static void assertEveryRequestCarries(ScriptedMcpServer mcp, String header, String value) {
    assertThat(mcp.requests())
        .as("every request to the MCP server carries %s as written", header)
        .allSatisfy(r -> assertThat(r.header(header)).isEqualTo(value));
  }

  /** No header of any request holds {@code apiKey}, whole or in part. */
  public static void assertNoHeaderHoldsTheApiKey(ScriptedMcpServer mcp, String apiKey) {
    assertThat(mcp.requests())
        .as("no header of any request holds the pod's API key")
        .allSatisfy(
            r ->
                assertThat(r.headers().values().stream().flatMap(List::stream))
                    .noneMatch(v -> v.contains(apiKey)));
  }
}

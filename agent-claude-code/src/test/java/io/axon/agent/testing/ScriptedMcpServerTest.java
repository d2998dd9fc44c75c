package io.axon.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The scripted MCP server answers JSON-RPC only with the expected Authorization header. */
class ScriptedMcpServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesTheToolWithTheHeaderAndRefusesWithoutIt() throws Exception {
    try (ScriptedMcpServer mcp = ScriptedMcpServer.start("Bearer right")) {
      String call =
          "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\"}}";

      HttpResponse<String> refused = post(mcp, call, "Bearer wrong");
      HttpResponse<String> none = post(mcp, call, null);
      HttpResponse<String> served = post(mcp, call, "Bearer right");
      HttpResponse<String> notification =
          post(
              mcp,
              "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
              "Bearer right");

      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(served.statusCode()).isEqualTo(200);
      JsonNode reply = JSON.readTree(served.body());
      assertThat(reply.path("id").asInt()).isEqualTo(7);
      assertThat(reply.path("result").path("content").get(0).path("text").asText())
          .isEqualTo(ScriptedMcpServer.ANSWER);
      assertThat(notification.statusCode()).isEqualTo(202);
      assertThat(mcp.servedMethods()).containsExactly("tools/call");
      assertThat(mcp.requests())
          .extracting(r -> r.header("Authorization"))
          .containsExactly("Bearer wrong", null, "Bearer right", "Bearer right");
    }
  }

  private HttpResponse<String> post(ScriptedMcpServer mcp, String body, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(mcp.url()))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

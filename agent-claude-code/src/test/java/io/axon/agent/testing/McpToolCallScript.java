package io.axon.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * A model script for Claude Code that calls the {@link ScriptedMcpServer}'s tool as a model would:
 * by the name the CLI offers it under ({@code mcp__SERVER__whoami}), first loading it with the
 * CLI's ToolSearch when it is offered as a deferred tool (named in a system reminder, as 2.1.330
 * does); it waits a turn or two for a server still connecting, and ends with {@link #DONE} once the
 * tool's result is back.
 */
public final class McpToolCallScript {

  /** The final message once the tool's result has reached the model. */
  public static final String DONE = "The probe answered.";

  private McpToolCallScript() {}

  public static ScriptedAnthropicServer.Script calling(String server) {
    String name = "mcp__" + server + "__" + ScriptedMcpServer.TOOL;
    return (turn, request) -> {
      String text = request.toString();
      if (text.contains(ScriptedMcpServer.ANSWER)) {
        return ModelReply.say(DONE);
      }
      if (offered(request, name) || text.contains("\"name\":\"ToolSearch\",\"input\"")) {
        return call(name, Map.of());
      }
      if (text.contains(name)) {
        return call("ToolSearch", Map.of("query", "select:" + name, "max_results", 1));
      }
      return turn < 3
          ? ModelReply.message(ModelReply.bash("sleep 2"))
          : ModelReply.say("No " + name + " tool was offered.");
    };
  }

  private static ModelReply call(String tool, Map<String, Object> input) {
    return ModelReply.message(new ModelReply.ToolUseBlock(tool, input));
  }

  /** Whether the request's {@code tools} hold the tool's full schema, not deferred. */
  private static boolean offered(JsonNode request, String name) {
    Optional<JsonNode> tool =
        StreamSupport.stream(request.path("tools").spliterator(), false)
            .filter(t -> name.equals(t.path("name").asText()))
            .findFirst();
    return tool.isPresent() && !tool.get().path("defer_loading").asBoolean(false);
  }
}

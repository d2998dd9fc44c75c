package io.axon.agent.opencode.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.axon.agent.testing.ModelReply;
import io.axon.agent.testing.ScriptedAnthropicServer;
import io.axon.agent.testing.ScriptedMcpServer;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * A model script for OpenCode that calls the {@link ScriptedMcpServer}'s tool by the name the CLI
 * offered it under, says so when it was not offered, and ends with {@link #DONE}.
 */
public final class OfferedToolScript {

  /** The final message, after the tool call. */
  public static final String DONE = "The probe answered.";

  private OfferedToolScript() {}

  public static ScriptedAnthropicServer.Script callingTheProbe() {
    return (turn, request) -> {
      if (turn > 0) {
        return ModelReply.say(DONE);
      }
      return whoamiTool(request)
          .<ModelReply>map(name -> ModelReply.message(new ModelReply.ToolUseBlock(name, Map.of())))
          .orElse(ModelReply.say("No whoami tool was offered."));
    };
  }

  private static Optional<String> whoamiTool(JsonNode request) {
    return StreamSupport.stream(request.path("tools").spliterator(), false)
        .map(tool -> tool.path("name").asText())
        .filter(name -> name.endsWith(ScriptedMcpServer.TOOL))
        .findFirst();
  }
}

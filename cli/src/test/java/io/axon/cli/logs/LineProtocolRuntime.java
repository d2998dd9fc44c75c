package io.axon.cli.logs;

import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.CredentialType;
import io.axon.spi.agent.RunResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test agent plugin, found through META-INF/services like a real one, whose output is one event
 * per line ({@code init MODEL}, {@code turn N}, {@code text ...}, {@code tool NAME DETAIL}, {@code
 * done TURNS COST}); anything else is unparsed. Lets the CLI's plugin lookup and rendering be
 * tested without the Claude Code plugin.
 */
public final class LineProtocolRuntime implements AgentRuntime {
  public static final String TYPE = "line-protocol";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String defaultImage() {
    return "example.invalid/line-protocol:test";
  }

  @Override
  public String cliVersion() {
    return "0";
  }

  @Override
  public String credentialEnvVar(CredentialType type) {
    return type == CredentialType.OAUTH ? "LINE_OAUTH" : "LINE_KEY";
  }

  @Override
  public AgentCommand command(AgentInvocation invocation) {
    return new AgentCommand(List.of("true"), Map.of(), Map.of());
  }

  @Override
  public AgentOutputReader newOutputReader() {
    return new AgentOutputReader() {
      private RunResult result;

      @Override
      public List<AgentEvent> read(String line) {
        String[] words = line.split(" ", 3);
        switch (words[0]) {
          case "init":
            return List.of(new AgentEvent.Init(words[1], "s1"));
          case "turn":
            return List.of(new AgentEvent.TurnStarted(Integer.parseInt(words[1])));
          case "text":
            return List.of(new AgentEvent.Text(line.substring(5)));
          case "tool":
            return List.of(new AgentEvent.ToolCall(words[1], words.length > 2 ? words[2] : ""));
          case "done":
            result =
                new RunResult(
                    RunResult.Outcome.SUCCEEDED,
                    null,
                    null,
                    Integer.parseInt(words[1]),
                    Double.parseDouble(words[2]),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            return List.of(new AgentEvent.Finished(result));
          default:
            return List.of(new AgentEvent.Unparsed(line));
        }
      }

      @Override
      public Optional<RunResult> result() {
        return Optional.ofNullable(result);
      }
    };
  }
}

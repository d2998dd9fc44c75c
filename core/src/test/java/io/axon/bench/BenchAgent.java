package io.axon.bench;

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
 * The agent type the scale benchmark's Tasks ask for: a plugin like any other (found through {@code
 * META-INF/services}), so the controller builds the same Jobs it builds for claude-code, whichever
 * agent plugins its jar holds. kwok plays the pods; nothing runs.
 */
public final class BenchAgent implements AgentRuntime {
  public static final String TYPE = "bench-agent";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String defaultImage() {
    return "registry.invalid/axon-bench-agent:1";
  }

  @Override
  public String cliVersion() {
    return "1";
  }

  @Override
  public String credentialEnvVar(CredentialType type) {
    return type == CredentialType.OAUTH ? "CLAUDE_CODE_OAUTH_TOKEN" : "ANTHROPIC_API_KEY";
  }

  @Override
  public AgentCommand command(AgentInvocation invocation) {
    return new AgentCommand(List.of("bench-agent", "-p", invocation.prompt()), Map.of(), Map.of());
  }

  @Override
  public AgentOutputReader newOutputReader() {
    return new AgentOutputReader() {
      @Override
      public List<AgentEvent> read(String line) {
        return List.of();
      }

      @Override
      public Optional<RunResult> result() {
        return Optional.empty();
      }
    };
  }
}

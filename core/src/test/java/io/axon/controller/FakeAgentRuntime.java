package io.axon.controller;

import io.axon.spi.agent.AgentCommand;
import io.axon.spi.agent.AgentEvent;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentOutputReader;
import io.axon.spi.agent.AgentRuntime;
import io.axon.spi.agent.CredentialType;
import io.axon.spi.agent.ModelApi;
import io.axon.spi.agent.RunResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An agent runtime the controller builds Jobs for like any other, whose output it never reads: for
 * tests that need no agent plugin jar. Runs {@code <binary> -p <prompt>} with claude-code's
 * credential variables, model API and instructions file.
 */
public class FakeAgentRuntime implements AgentRuntime {
  private final String type;
  private final String defaultImage;
  private final String cliVersion;
  private final String binary;

  public FakeAgentRuntime(String type, String defaultImage, String cliVersion, String binary) {
    this.type = type;
    this.defaultImage = defaultImage;
    this.cliVersion = cliVersion;
    this.binary = binary;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public String defaultImage() {
    return defaultImage;
  }

  @Override
  public String cliVersion() {
    return cliVersion;
  }

  @Override
  public String credentialEnvVar(CredentialType type) {
    return type == CredentialType.OAUTH ? "CLAUDE_CODE_OAUTH_TOKEN" : "ANTHROPIC_API_KEY";
  }

  @Override
  public Optional<String> instructionsFile() {
    return Optional.of(".claude/CLAUDE.md");
  }

  @Override
  public Optional<ModelApi> modelApi() {
    return Optional.of(new ModelApi("ANTHROPIC_BASE_URL", "https://api.anthropic.com"));
  }

  @Override
  public AgentCommand command(AgentInvocation invocation) {
    return new AgentCommand(List.of(binary, "-p", invocation.prompt()), Map.of(), Map.of());
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

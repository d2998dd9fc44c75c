package io.axon.spi.agent;

import java.util.Optional;

/**
 * An agent type that Axon can run, such as {@code claude-code}.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/io.axon.spi.agent.AgentRuntime} of the plugin jar and put the jar on the
 * classpath of the controller, the CLI and the agent image's entrypoint. A runtime is stateless and
 * thread-safe; per-run state lives in the {@link AgentOutputReader} it creates.
 */
public interface AgentRuntime {

  /** The value of {@code spec.type} that selects this runtime, for example {@code claude-code}. */
  String type();

  /** The container image that runs this agent when a Task does not name one. */
  String defaultImage();

  /** The pinned version of the agent CLI that the image and the local runner use. */
  String cliVersion();

  /**
   * The environment variable through which the agent CLI receives a credential of the given kind,
   * for example {@code ANTHROPIC_API_KEY}. The Task's Secret must hold the credential under a key
   * of the same name. Never called with {@link CredentialType#NONE} (workload identity: no
   * variable).
   */
  String credentialEnvVar(CredentialType type);

  /** How to start the agent CLI for one run. The argv is executed directly, never by a shell. */
  AgentCommand command(AgentInvocation invocation);

  /** A fresh reader for one run's standard output. */
  AgentOutputReader newOutputReader();

  /**
   * A fresh reader for one run's standard output, knowing what the run was asked (its model, its
   * turn limit). A runtime whose CLI has no turn limit of its own overrides this to return a reader
   * that counts turns and asks for the agent to be stopped ({@link
   * AgentOutputReader#stopRequested()}).
   */
  default AgentOutputReader newOutputReader(AgentInvocation invocation) {
    return newOutputReader();
  }

  /**
   * Where the agent CLI reads its global instructions, relative to HOME (Claude Code: {@code
   * .claude/CLAUDE.md}). The entrypoint appends there how the agent says it gave up or needs input
   * ({@code AXON-RESULT:}, docs/agent-image-interface.md); empty: it appends that to the prompt.
   */
  default Optional<String> instructionsFile() {
    return Optional.empty();
  }

  /**
   * Whether {@link #command} writes {@link AgentInvocation#mcpServers()} into the CLI's own
   * configuration. The entrypoint refuses MCP servers for a runtime that does not.
   */
  default boolean configuresMcpServers() {
    return false;
  }

  /**
   * The model API this agent talks to, so that a local run passes its base-URL variable through and
   * lets the sandbox reach its host; empty for a runtime that does not say.
   */
  default Optional<ModelApi> modelApi() {
    return Optional.empty();
  }
}

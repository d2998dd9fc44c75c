package io.axon.spi.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * One run of an agent: what to do and where.
 *
 * @param prompt the task prompt, passed to the agent byte-exact
 * @param model the model to use, or empty for the agent's default
 * @param workspaceDir the directory the agent works in (the cloned repository)
 * @param maxTurns an upper bound on agent turns, or empty for the agent's default
 */
public record AgentInvocation(
    String prompt, Optional<String> model, String workspaceDir, Optional<Integer> maxTurns) {

  public AgentInvocation {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(workspaceDir, "workspaceDir");
    Objects.requireNonNull(maxTurns, "maxTurns");
  }
}

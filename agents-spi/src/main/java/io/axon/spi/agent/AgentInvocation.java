package io.axon.spi.agent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of an agent: what to do and where.
 *
 * @param prompt the task prompt, passed to the agent byte-exact; for a runtime that names no
 *     {@linkplain AgentRuntime#instructionsFile() instructions file}, Axon's entrypoint adds after
 *     it a paragraph on how to say it gave up or needs input
 * @param model the model to use, or empty for the agent's default
 * @param workspaceDir the directory the agent works in (the cloned repository)
 * @param maxTurns an upper bound on agent turns, or empty for the agent's default
 * @param maxBudgetUSD what the run may cost, in US dollars, for an agent CLI that can stop itself
 *     there; empty for no limit (the entrypoint enforces it either way)
 * @param mcpServers the MCP servers the Task's AgentConfigs name, in their composed order; only a
 *     runtime that {@linkplain AgentRuntime#configuresMcpServers() configures them} is given any
 */
public record AgentInvocation(
    String prompt,
    Optional<String> model,
    String workspaceDir,
    Optional<Integer> maxTurns,
    Optional<Double> maxBudgetUSD,
    List<McpServerConfig> mcpServers) {

  /** A run without MCP servers. */
  public AgentInvocation(
      String prompt,
      Optional<String> model,
      String workspaceDir,
      Optional<Integer> maxTurns,
      Optional<Double> maxBudgetUSD) {
    this(prompt, model, workspaceDir, maxTurns, maxBudgetUSD, List.of());
  }

  /** A run without a cost limit. */
  public AgentInvocation(
      String prompt, Optional<String> model, String workspaceDir, Optional<Integer> maxTurns) {
    this(prompt, model, workspaceDir, maxTurns, Optional.empty());
  }

  public AgentInvocation {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(workspaceDir, "workspaceDir");
    Objects.requireNonNull(maxTurns, "maxTurns");
    maxBudgetUSD = maxBudgetUSD == null ? Optional.empty() : maxBudgetUSD;
    mcpServers = mcpServers == null ? List.of() : List.copyOf(mcpServers);
  }
}

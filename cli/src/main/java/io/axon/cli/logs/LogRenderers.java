package io.axon.cli.logs;

import io.axon.client.render.AgentLogRenderer;
import io.axon.spi.agent.AgentInvocation;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.agent.AgentRuntime;
import java.util.Optional;

/** Picks the renderer for a Task's agent type. */
public final class LogRenderers {
  private LogRenderers() {}

  /**
   * The renderer for an agent type: the agent's own output reader turned into readable lines, or
   * the raw lines when asked for or when no plugin for the type is on the class path.
   */
  public static LogRenderer forType(String type, boolean raw, boolean color) {
    return forType(type, raw, false, color);
  }

  /** As above; {@code verbose} shows every line of a tool's command, not just the first. */
  public static LogRenderer forType(String type, boolean raw, boolean verbose, boolean color) {
    if (raw || type == null) {
      return LogRenderer.raw();
    }
    Optional<AgentRuntime> runtime = AgentRegistry.load().find(type);
    if (runtime.isEmpty()) {
      return LogRenderer.raw();
    }
    return new AgentLogRenderer(runtime.get().newOutputReader(), color, verbose)::render;
  }

  /**
   * As above for a Task whose {@code spec.model} is {@code model} (null: the agent's default): a
   * CLI that does not print its model (Codex, OpenCode) is shown with the one it was given.
   */
  public static LogRenderer forType(
      String type, String model, boolean raw, boolean verbose, boolean color) {
    if (raw || type == null || model == null || model.isBlank()) {
      return forType(type, raw, verbose, color);
    }
    Optional<AgentRuntime> runtime = AgentRegistry.load().find(type);
    if (runtime.isEmpty()) {
      return LogRenderer.raw();
    }
    AgentInvocation run = new AgentInvocation("", Optional.of(model), "", Optional.empty());
    return new AgentLogRenderer(runtime.get().newOutputReader(run), color, verbose)::render;
  }
}

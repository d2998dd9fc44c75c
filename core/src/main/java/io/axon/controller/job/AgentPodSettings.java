package io.axon.controller.job;

import java.util.Map;

/**
 * Cluster-wide choices for agent pods that Tasks do not make themselves.
 *
 * @param images image per agent type, overriding the runtime's default
 * @param cpuRequest CPU requested by the agent container
 * @param memoryRequest memory requested by the agent container
 * @param cpuLimit CPU limit of the agent container
 * @param memoryLimit memory limit of the agent container
 */
public record AgentPodSettings(
    Map<String, String> images,
    String cpuRequest,
    String memoryRequest,
    String cpuLimit,
    String memoryLimit) {

  /** Requests small enough to pack many agents on a node, limits large enough for real builds. */
  public static final AgentPodSettings DEFAULTS =
      new AgentPodSettings(Map.of(), "250m", "512Mi", "2", "4Gi");

  public AgentPodSettings {
    images = Map.copyOf(images);
  }
}

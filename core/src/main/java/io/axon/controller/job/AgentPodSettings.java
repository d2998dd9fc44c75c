package io.axon.controller.job;

import java.time.Duration;
import java.util.Map;

/**
 * Cluster-wide choices for agent pods that Tasks do not make themselves.
 *
 * @param images image per agent type, overriding the runtime's default
 * @param cpuRequest CPU requested by the agent container
 * @param memoryRequest memory requested by the agent container
 * @param cpuLimit CPU limit of the agent container
 * @param memoryLimit memory limit of the agent container
 * @param imagePullGrace how long a pull failing with ErrImagePull or ImagePullBackOff (which may
 *     heal) is waited for before the Task fails with ImageUnavailable
 */
public record AgentPodSettings(
    Map<String, String> images,
    String cpuRequest,
    String memoryRequest,
    String cpuLimit,
    String memoryLimit,
    Duration imagePullGrace) {

  /** Two minutes: a few of the kubelet's pull retries (10s, 20s, 40s, 80s). */
  public static final Duration DEFAULT_IMAGE_PULL_GRACE = Duration.ofMinutes(2);

  /** Requests small enough to pack many agents on a node, limits large enough for real builds. */
  public static final AgentPodSettings DEFAULTS =
      new AgentPodSettings(Map.of(), "250m", "512Mi", "2", "4Gi");

  public AgentPodSettings(
      Map<String, String> images,
      String cpuRequest,
      String memoryRequest,
      String cpuLimit,
      String memoryLimit) {
    this(images, cpuRequest, memoryRequest, cpuLimit, memoryLimit, DEFAULT_IMAGE_PULL_GRACE);
  }

  public AgentPodSettings {
    images = Map.copyOf(images);
    if (imagePullGrace == null || imagePullGrace.isNegative()) {
      throw new IllegalArgumentException(
          "agentPod.imagePullGraceSeconds must be 0 or more, got " + imagePullGrace);
    }
  }
}

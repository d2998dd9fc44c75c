package io.axon.controller;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;

/** Pod statuses of an agent pod, as a kubelet would report them, for mock-tier tests. */
public final class AgentPodStatuses {
  private AgentPodStatuses() {}

  /** The pod started at 10:00:00 and the agent container at 10:00:05, and it still runs. */
  public static PodStatus running() {
    return new PodStatusBuilder()
        .withPhase("Running")
        .withStartTime("2026-11-23T10:00:00Z")
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("agent")
                .withNewState()
                .withNewRunning()
                .withStartedAt("2026-11-23T10:00:05Z")
                .endRunning()
                .endState()
                .build())
        .build();
  }

  /** The agent container ended with this exit code, reason and termination message. */
  public static PodStatus terminated(String phase, int exitCode, String reason, String message) {
    return new PodStatusBuilder()
        .withPhase(phase)
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("agent")
                .withNewState()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withReason(reason)
                .withMessage(message)
                .withStartedAt("2026-11-23T10:00:05Z")
                .endTerminated()
                .endState()
                .build())
        .build();
  }

  /** The agent container cannot start yet, for this reason. */
  public static PodStatus waiting(String reason, String message) {
    return new PodStatusBuilder()
        .withPhase("Pending")
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName("agent")
                .withImage("ghcr.io/axon-core/axon-claude-code:2.1.330")
                .withNewState()
                .withNewWaiting()
                .withReason(reason)
                .withMessage(message)
                .endWaiting()
                .endState()
                .build())
        .build();
  }
}

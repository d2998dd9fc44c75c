package io.axon.controller.job;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskLimits;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.controller.duration.GoDuration;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent entrypoint's variables for a Task's {@code spec.limits}, its deadline (near which the
 * entrypoint stops the agent itself to save the work) and its name (for the WIP branch {@code
 * axon/<task>-wip}).
 */
final class LimitEnv {
  private LimitEnv() {}

  static List<EnvVar> of(Task task) {
    TaskSpec spec = task.getSpec();
    List<EnvVar> env = new ArrayList<>();
    env.add(ContainerEnv.literal("AXON_TASK_NAME", task.getMetadata().getName()));
    if (spec.getActiveDeadlineSeconds() != null) {
      env.add(
          ContainerEnv.literal(
              "AXON_DEADLINE_SECONDS", spec.getActiveDeadlineSeconds().toString()));
    }
    TaskLimits limits = spec.getLimits();
    if (limits == null) {
      return env;
    }
    if (limits.getMaxTurns() != null) {
      env.add(ContainerEnv.literal("AXON_MAX_TURNS", limits.getMaxTurns().toString()));
    }
    if (limits.getMaxCostUSD() != null) {
      env.add(
          ContainerEnv.literal(
              "AXON_MAX_COST_USD", BigDecimal.valueOf(limits.getMaxCostUSD()).toPlainString()));
    }
    if (limits.getMaxDuration() != null) {
      // Validated by the API server; seconds, rounded up, so that 500ms is not "no limit".
      long millis = GoDuration.parse(limits.getMaxDuration()).toMillis();
      env.add(
          ContainerEnv.literal(
              "AXON_MAX_DURATION_SECONDS", Long.toString(Math.max(1, (millis + 999) / 1000))));
    }
    if (limits.getMaxOutputTokens() != null) {
      env.add(
          ContainerEnv.literal("AXON_MAX_OUTPUT_TOKENS", limits.getMaxOutputTokens().toString()));
    }
    return env;
  }
}

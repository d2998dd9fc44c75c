package io.axon.controller.task;

import io.axon.api.v1alpha1.AgentConfig;
import io.axon.api.v1alpha1.AgentConfigSpec;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.controller.job.AgentConfigComposer;
import io.axon.controller.job.AgentSetup;
import io.axon.spi.agent.AgentRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Task's AgentConfigs, in its order, when its Job is about to be created (once per Task: a
 * live read, no informer to keep), and composes them. Blocking.
 */
final class AgentConfigResolver {
  static final String REASON_NOT_FOUND = "AgentConfigNotFound";
  static final String REASON_UNSUPPORTED = "AgentConfigUnsupported";

  /** What the Task's AgentConfigs come to: a setup, or why not (and whether to wait). */
  sealed interface Resolution {}

  record Ready(AgentSetup setup) implements Resolution {}

  /**
   * A named config is missing (it may appear: look again later), or the controller may not read it.
   */
  record Waiting(String reason, String message) implements Resolution {}

  /** The configs cannot apply to this agent type: the Task fails. */
  record Refused(String reason, String message) implements Resolution {}

  private AgentConfigResolver() {}

  static Resolution resolve(KubernetesClient client, Task task, AgentRuntime runtime) {
    List<LocalObjectReference> refs = task.getSpec().getAgentConfigRefs();
    if (refs == null || refs.isEmpty()) {
      return new Ready(AgentSetup.NONE);
    }
    String namespace = task.getMetadata().getNamespace();
    List<AgentConfigSpec> configs = new ArrayList<>();
    for (LocalObjectReference ref : refs) {
      AgentConfig config;
      try {
        config =
            client
                .resources(AgentConfig.class)
                .inNamespace(namespace)
                .withName(ref.getName())
                .get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
          throw e;
        }
        return new Waiting(
            REASON_NOT_FOUND,
            "The controller may not read AgentConfig \"%s\" in namespace \"%s\": grant its service account get on agentconfigs (deploy/controller/rbac.yaml)."
                .formatted(ref.getName(), namespace));
      }
      if (config == null || config.getSpec() == null) {
        return new Waiting(
            REASON_NOT_FOUND,
            "AgentConfig \"%s\" not found in namespace \"%s\". Create it and the Task starts by itself (it is looked for again every 30 s)."
                .formatted(ref.getName(), namespace));
      }
      configs.add(config.getSpec());
    }
    try {
      return new Ready(AgentConfigComposer.compose(runtime, configs));
    } catch (AgentConfigComposer.UnsupportedConfigException e) {
      return new Refused(
          REASON_UNSUPPORTED, e.getMessage() + ". Remove it from spec.agentConfigRefs.");
    }
  }
}

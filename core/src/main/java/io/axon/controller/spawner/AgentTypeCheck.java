package io.axon.controller.spawner;

import static io.axon.controller.spawner.SpawnerConditions.REASON_UNKNOWN_AGENT_TYPE;

import java.util.Set;
import java.util.TreeSet;

/**
 * A TaskSpawner's taskTemplate type must be an installed agent's: refused once, on the spawner,
 * rather than on each Task it would create.
 */
final class AgentTypeCheck {
  private AgentTypeCheck() {}

  /**
   * @param installed the installed agents' types; empty when not known (nothing is checked)
   * @throws SpawnerConfigException naming the type and the installed ones
   */
  static void require(String type, Set<String> installed) {
    if (installed.isEmpty() || type == null || installed.contains(type)) {
      return;
    }
    throw new SpawnerConfigException(
        REASON_UNKNOWN_AGENT_TYPE,
        ("spec.taskTemplate.type \"%s\" is no installed agent's (installed: %s): use one of them,"
                + " or put the agent's plugin jar on the controller's class path")
            .formatted(type, String.join(", ", new TreeSet<>(installed))));
  }
}

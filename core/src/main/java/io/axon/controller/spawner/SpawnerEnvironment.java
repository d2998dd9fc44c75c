package io.axon.controller.spawner;

import io.axon.controller.runtime.ResourceCache;
import io.axon.spi.source.HostServices;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Context;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * What every spawner's poll loop shares.
 *
 * @param context the spawner verticle's event-loop context, where loop state lives
 * @param workers the pool that runs blocking steps: API reads and writes, opening sources
 * @param sourceDefaults settings per source kind, under each spawner's own
 * @param host what sources may borrow from the controller (its Vert.x)
 * @param agentTypes the installed agents' types, which a taskTemplate's type must be one of; empty
 *     when not known (no check)
 */
record SpawnerEnvironment(
    Context context,
    WorkerExecutor workers,
    KubernetesClient client,
    ResourceCache cache,
    WorkSourceRegistry sources,
    Map<String, Map<String, Object>> sourceDefaults,
    SpawnerObserver observer,
    Clock clock,
    HostServices host,
    Set<String> agentTypes) {}

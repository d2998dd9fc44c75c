package io.axon.controller.it;

import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;

/**
 * One controller replica in the test JVM, acting as the {@link ControlPlane#CONTROLLER} user (so
 * with only the shipped RBAC), on a client of its own whose every request {@link #requests}
 * records. Leader election is off unless the settings turn it on.
 */
final class ControllerInstance implements AutoCloseable {
  final RequestCounter requests = new RequestCounter();
  final KubernetesClient client;
  final ControllerHarness harness;
  private boolean closed;

  /** A controller with the default settings, alone (no leader election). */
  ControllerInstance(ControlPlane plane) {
    this(plane, new JsonObject());
  }

  /** A controller with these settings (see ControllerSettings), and a generated identity. */
  ControllerInstance(ControlPlane plane, JsonObject settings) {
    this(plane, settings, "test-" + System.nanoTime());
  }

  ControllerInstance(ControlPlane plane, JsonObject settings, String identity) {
    this(plane, settings, identity, WorkSourceRegistry.load());
  }

  /** A controller whose spawners may use these source kinds (a plugin jar's, say). */
  ControllerInstance(
      ControlPlane plane, JsonObject settings, String identity, WorkSourceRegistry sources) {
    this(plane, settings, identity, sources, AgentRegistry.of(Fixtures.claudeLike()));
  }

  /** A controller with these agent plugins (the installed ones, say). */
  ControllerInstance(ControlPlane plane, AgentRegistry agents) {
    this(plane, new JsonObject(), "test-" + System.nanoTime(), WorkSourceRegistry.load(), agents);
  }

  private ControllerInstance(
      ControlPlane plane,
      JsonObject settings,
      String identity,
      WorkSourceRegistry sources,
      AgentRegistry agents) {
    JsonObject withDefaults = settings.copy();
    if (!withDefaults.containsKey("leaderElection")) {
      withDefaults.put("leaderElection", new JsonObject().put("enabled", false));
    }
    client = requests.client(plane.config(ControlPlane.CONTROLLER));
    try {
      harness = new ControllerHarness(client, agents, withDefaults, identity, sources);
    } catch (RuntimeException | Error e) {
      client.close();
      throw e;
    }
  }

  String identity() {
    return harness.identity();
  }

  /**
   * Like a killed process: its connections drop first, mid-request, so it can neither finish what
   * it was writing nor release a Lease; then everything stops.
   */
  void kill() {
    client.close();
    close();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      harness.close();
      client.close();
    }
  }
}

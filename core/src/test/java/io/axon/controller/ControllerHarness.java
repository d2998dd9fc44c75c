package io.axon.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.metrics.ControllerMetrics;
import io.axon.controller.task.TaskTransition;
import io.axon.controller.wiring.Controller;
import io.axon.controller.wiring.ControllerSettings;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Runs a real controller (all its verticles) in the test JVM against a given API server. */
public final class ControllerHarness implements AutoCloseable {
  /** The controller's metrics; its Vert.x reports into them too, as in production. */
  public final ControllerMetrics metrics = new ControllerMetrics();

  private final Vertx vertx = metrics.newVertx();
  private final Controller controller;
  private final String identity;
  public final List<TaskTransition> transitions = new CopyOnWriteArrayList<>();

  public ControllerHarness(KubernetesClient client, AgentRegistry agents) {
    this(
        client,
        agents,
        new JsonObject().put("leaderElection", new JsonObject().put("enabled", false)));
  }

  public ControllerHarness(KubernetesClient client, AgentRegistry agents, JsonObject settings) {
    this(client, agents, settings, "test-" + System.nanoTime());
  }

  /** A controller with this identity (its name as a Lease holder). */
  public ControllerHarness(
      KubernetesClient client, AgentRegistry agents, JsonObject settings, String identity) {
    this(client, agents, settings, identity, WorkSourceRegistry.load());
  }

  /** A controller whose spawners may use these source kinds. */
  public ControllerHarness(
      KubernetesClient client,
      AgentRegistry agents,
      JsonObject settings,
      String identity,
      WorkSourceRegistry sources) {
    this.identity = identity;
    JsonObject withEphemeralPort =
        settings.copy().put("health", new JsonObject().put("host", "127.0.0.1").put("port", 0));
    controller =
        new Controller(
            vertx,
            client,
            ControllerSettings.fromJson(withEphemeralPort),
            agents,
            identity,
            transitions::add,
            metrics);
    controller.sources(sources).start().await();
  }

  public Controller controller() {
    return controller;
  }

  public Vertx vertx() {
    return vertx;
  }

  public String identity() {
    return identity;
  }

  @Override
  public void close() {
    controller.stop().await();
    vertx.close().await();
  }

  /** Waits until the supplier yields a value matching the condition, and returns it. */
  public static <T> T await(Supplier<T> supplier, Predicate<T> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    T value = supplier.get();
    while (!condition.test(value)) {
      if (System.nanoTime() > deadline) {
        assertThat(value).as("timed out waiting for " + what).matches(condition);
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      value = supplier.get();
    }
    return value;
  }

  public static Task awaitTask(
      KubernetesClient client, String name, Predicate<Task> condition, String what) {
    return await(
        () -> client.resources(Task.class).inNamespace(Fixtures.NAMESPACE).withName(name).get(),
        task -> task != null && condition.test(task),
        what);
  }
}

package io.axon.controller.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For ITs of one controller on a real control plane whose pods kwok plays: the plane (with the Job
 * lifecycle), the test's namespace, its {@link KwokPods} and one controller (with the default
 * settings unless given others), started before the class's tests and stopped after them (register
 * it as a static {@code @RegisterExtension}). Its fields are set once the class's tests may run.
 */
final class KwokControlPlane implements BeforeAllCallback, AfterAllCallback {
  private final String namespace;
  private final Map<String, String> namespaceLabels;
  private JsonObject controllerSettings = new JsonObject();

  ControlPlane plane;

  /** The cluster admin's client. */
  KubernetesClient client;

  KwokPods pods;

  /** The controller now running. */
  ControllerInstance controller;

  KwokControlPlane(String namespace) {
    this(namespace, Map.of());
  }

  /** With the namespace labelled (for example with Pod Security admission levels). */
  KwokControlPlane(String namespace, Map<String, String> namespaceLabels) {
    this.namespace = namespace;
    this.namespaceLabels = namespaceLabels;
  }

  /** The controller's settings (see ControllerSettings), for it and any restart. */
  KwokControlPlane withControllerSettings(JsonObject settings) {
    this.controllerSettings = settings;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
    plane.createNamespace(namespace, namespaceLabels);
    pods = new KwokPods(client, namespace);
    controller = new ControllerInstance(plane, controllerSettings);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (controller != null) {
      controller.close();
    }
    if (pods != null) {
      pods.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  /** The admin's client, for fixtures made before the plane starts. */
  KubernetesClient client() {
    return client;
  }

  /** Stops the controller and starts a new one in its place, as a restart does. */
  void restartController() {
    controller.close();
    controller = new ControllerInstance(plane, controllerSettings);
  }
}

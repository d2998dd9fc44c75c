package io.axon.controller.it;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the full-webhook-queue ITs share: a control plane with the Job lifecycle (kwok plays the
 * pods), one namespace, a self-signed certificate for the webhook endpoint's HTTPS, and the
 * controller settings that bound a spawner's webhook queue.
 */
final class FullWebhookQueuePlane implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final String SECRET = "full queue secret";

  final ControlPlane plane;
  final KubernetesClient client;
  final Vertx vertx;
  final SelfSignedCertificate certificate;
  final String ns;
  final KwokPods pods;

  private FullWebhookQueuePlane(ControlPlane plane, Vertx vertx, String namespacePrefix) {
    this.plane = plane;
    this.client = plane.client();
    this.vertx = vertx;
    this.certificate = SelfSignedCertificate.create("localhost");
    this.ns = plane.createNamespace(namespacePrefix);
    this.pods = new KwokPods(client, ns);
  }

  static FullWebhookQueuePlane start(String namespacePrefix) {
    ControlPlane plane = ControlPlane.builder().jobLifecycle().start();
    Vertx vertx = Vertx.vertx();
    try {
      return new FullWebhookQueuePlane(plane, vertx, namespacePrefix);
    } catch (RuntimeException e) {
      vertx.close().await();
      plane.close();
      throw e;
    }
  }

  /** The controller's settings: this namespace only, the webhook endpoint on HTTPS, and bounds. */
  JsonObject settings(JsonObject bounds) {
    JsonObject webhook =
        new JsonObject()
            .put("enabled", true)
            .put("host", "127.0.0.1")
            .put("port", 0)
            .put(
                "tls",
                new JsonObject()
                    .put("certPath", certificate.certificatePath())
                    .put("keyPath", certificate.privateKeyPath()));
    return new JsonObject()
        .put("namespaces", new JsonArray().add(ns))
        .put("webhook", webhook.mergeIn(bounds));
  }

  void secret(String name, String key, String value) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withStringData(Map.of(key, value))
                .build())
        .create();
  }

  /** Creates what an example file under examples/ holds, in this namespace. */
  void apply(String file) throws Exception {
    try (InputStream in = Files.newInputStream(GenericWebhookDeliveriesIT.EXAMPLES.resolve(file))) {
      client.load(in).inNamespace(ns).create();
    }
  }

  TaskSpawner spawner(String name) {
    return client.resources(TaskSpawner.class).inNamespace(ns).withName(name).get();
  }

  List<String> taskNames() {
    return client.resources(Task.class).inNamespace(ns).list().getItems().stream()
        .map(t -> t.getMetadata().getName())
        .sorted()
        .toList();
  }

  Task awaitTask(String name) {
    return Eventually.await(
        TIMEOUT,
        "Task " + name,
        () -> client.resources(Task.class).inNamespace(ns).withName(name).get(),
        t -> true);
  }

  void awaitSpawner(String name, Predicate<TaskSpawner> condition) {
    Eventually.await(
        TIMEOUT,
        "TaskSpawner " + name,
        () -> spawner(name),
        s -> s.getStatus() != null && condition.test(s));
  }

  @Override
  public void close() {
    pods.close();
    vertx.close().await();
    plane.close();
    certificate.delete();
  }
}

package io.axon.controller.it;

import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Webhook;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.controller.webhook.WebhookSender;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For ITs that deliver signed GitHub webhooks over real HTTPS: a real control plane, a Vert.x for
 * the scripted GitHub and the sender, and the receiver's self-signed certificate, started before
 * the class's tests and stopped after them (register it as a static {@code @RegisterExtension});
 * and the namespace, settings and waits those ITs share.
 */
final class WebhookControlPlane implements BeforeAllCallback, AfterAllCallback {
  /** The Secret a spawner's deliveries are signed with; the key holds the shared secret. */
  static final String SECRET_NAME = "webhook-secret";

  private final Duration timeout;
  private ControlPlane plane;
  private Vertx vertx;
  private SelfSignedCertificate certificate;

  /** {@code timeout}: how long the waits wait. */
  WebhookControlPlane(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    plane = ControlPlane.builder().start();
    vertx = Vertx.vertx();
    certificate = SelfSignedCertificate.create("localhost");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (vertx != null) {
      vertx.close().await();
    }
    if (plane != null) {
      plane.close();
    }
    if (certificate != null) {
      certificate.delete();
    }
  }

  ControlPlane plane() {
    return plane;
  }

  KubernetesClient client() {
    return plane.client();
  }

  Vertx vertx() {
    return vertx;
  }

  /**
   * Creates namespace {@code prefix-...} with the spawners' Workspace, their GitHub token Secret
   * and {@link #SECRET_NAME} holding {@code webhookSecret}; returns its name.
   */
  String createNamespace(String prefix, String webhookSecret) {
    String ns = plane.createNamespace(prefix);
    client().resource(SpawnerFixtures.workspace(ns)).create();
    client().resource(SpawnerFixtures.secret(ns, SpawnerFixtures.TOKEN)).create();
    client()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(SECRET_NAME)
                .withNamespace(ns)
                .endMetadata()
                .addToStringData("GITHUB_WEBHOOK_SECRET", webhookSecret)
                .build())
        .create();
    return ns;
  }

  /** A spawner's webhook whose deliveries are signed with {@link #SECRET_NAME}. */
  static Webhook signedWebhook() {
    Webhook webhook = new Webhook();
    webhook.setSecretRef(new LocalObjectReference(SECRET_NAME));
    return webhook;
  }

  /**
   * Controller settings: watching {@code ns}, its {@code source} spawners reading GitHub at {@code
   * apiBaseUrl}, and the webhook receiver on 127.0.0.1 (any port) with the certificate.
   */
  JsonObject settings(String ns, String source, String apiBaseUrl) {
    return new JsonObject()
        .put("namespaces", new JsonArray().add(ns))
        .put(
            "sources", new JsonObject().put(source, new JsonObject().put("apiBaseURL", apiBaseUrl)))
        .put(
            "webhook",
            new JsonObject()
                .put("enabled", true)
                .put("host", "127.0.0.1")
                .put("port", 0)
                .put(
                    "tls",
                    new JsonObject()
                        .put("certPath", certificate.certificatePath())
                        .put("keyPath", certificate.privateKeyPath())));
  }

  /** A sender to the controller's webhook receiver that trusts the certificate. */
  WebhookSender senderTo(ControllerInstance controller) {
    return new WebhookSender(
        vertx, controller.harness.controller().webhookPort(), certificate.certificatePath());
  }

  Task awaitTask(String ns, String name) {
    return Eventually.await(
        timeout,
        "Task " + name,
        () -> client().resources(Task.class).inNamespace(ns).withName(name).get(),
        t -> true);
  }

  /** Waits for the spawner to have a status that meets {@code condition}. */
  TaskSpawner awaitSpawner(String ns, String name, Predicate<TaskSpawner> condition) {
    return Eventually.await(
        timeout,
        "TaskSpawner " + name,
        () -> client().resources(TaskSpawner.class).inNamespace(ns).withName(name).get(),
        s -> s.getStatus() != null && condition.test(s));
  }

  /** The names of the namespace's Tasks, sorted. */
  List<String> taskNames(String ns) {
    return client().resources(Task.class).inNamespace(ns).list().getItems().stream()
        .map(t -> t.getMetadata().getName())
        .sorted()
        .toList();
  }
}

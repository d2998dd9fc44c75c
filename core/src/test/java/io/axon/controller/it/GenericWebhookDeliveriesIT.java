package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.GenericWebhook;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.QueuedDelivery;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.webhook.GenericWebhookSender;
import io.axon.controller.webhook.WebhookSender.Answer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generic webhook deliveries over real HTTPS, with real HMAC-SHA256 or a bearer token, become Tasks
 * of the examples/ spawner with the fields its JSONPaths read from the body; a badly signed
 * delivery, a repeated delivery id, a replay with an old timestamp and a wrong token make none, and
 * over {@code maxConcurrency} a delivery waits in {@code status.queuedDeliveries} until there is
 * room. On a real control plane (kwok plays the pods).
 */
class GenericWebhookDeliveriesIT {
  static final Duration TIMEOUT = Duration.ofSeconds(40);
  static final Path EXAMPLES = Path.of("..", "examples");
  static final String SECRET = "generic webhook secret";
  static final String TOKEN = "generic-bearer-token-0123456789";

  static ControlPlane plane;
  static KubernetesClient client;
  static Vertx vertx;
  static SelfSignedCertificate certificate;

  String ns;
  KwokPods pods;
  ControllerInstance controller;

  @BeforeAll
  static void startControlPlane() {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
    vertx = Vertx.vertx();
    certificate = SelfSignedCertificate.create("localhost");
  }

  @AfterAll
  static void stopControlPlane() {
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

  @AfterEach
  void stopTestsOwn() {
    if (controller != null) {
      controller.close();
    }
    if (pods != null) {
      pods.close();
    }
  }

  @Test
  void authenticFreshFirstDeliveriesBecomeTasksWithinMaxConcurrency() throws Exception {
    ns = plane.createNamespace("generic");
    pods = new KwokPods(client, ns);
    secret("alert-webhook", "WEBHOOK_SECRET", SECRET);
    secret("alert-token", "WEBHOOK_TOKEN", TOKEN);
    secret("claude-credentials", "CLAUDE_CODE_OAUTH_TOKEN", "sk-ant-oat-example");
    apply("workspace.yaml");
    apply("taskspawner-generic-webhook.yaml");
    TaskSpawner example =
        client.resources(TaskSpawner.class).inNamespace(ns).withName("alert-triage").get();
    TaskSpawner withToken = new TaskSpawner();
    withToken.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("alert-token")
            .withNamespace(ns)
            .build());
    withToken.setSpec(io.fabric8.kubernetes.client.utils.Serialization.clone(example.getSpec()));
    GenericWebhook bearer = withToken.getSpec().getWhen().getGenericWebhook();
    bearer.setAuthentication(GenericWebhook.Authentication.bearer);
    bearer.setSecretRef(new LocalObjectReference("alert-token"));
    client.resource(withToken).create();
    pods.runFor("alert-triage-a-1", "8s");
    controller = startController();

    String path = "/webhooks/generic/" + ns + "/alert-triage";
    Instant now = Instant.now();
    try (GenericWebhookSender sender =
        new GenericWebhookSender(
            vertx, controller.harness.controller().webhookPort(), certificate.certificatePath())) {
      assertThat(sender.signed(path, "d-0", now, "not the secret", alert("a-1")))
          .isEqualTo(
              new Answer(
                  401,
                  "X-Axon-Signature-256 does not match X-Axon-Timestamp, the body and the"
                      + " spawner's secret"));
      assertThat(sender.signed(path, "d-1", now, SECRET, alert("a-1")))
          .isEqualTo(new Answer(202, "queued: a-1"));
      Task first = awaitTask("alert-triage-a-1");
      assertThat(first.getSpec().getPrompt())
          .isEqualTo(
              "An alert fired for the checkout service: Checkout p99 over 2s"
                  + " (https://grafana.example.com/alerts/a-1).\n\n"
                  + "p99 latency of POST /checkout is 2.4s {{.Body}} $(rm -rf /)\n\n"
                  + "Find the cause in the code, fix it on a new branch and open a pull request.\n");
      assertThat(first.getSpec().getWorkspaceRef().getName()).isEqualTo("my-workspace");
      assertThat(first.getMetadata().getAnnotations())
          .containsEntry("axon.io/item-url", "https://grafana.example.com/alerts/a-1");

      assertThat(sender.signed(path, "d-1", now, SECRET, alert("a-1")))
          .as("the same delivery again")
          .isEqualTo(new Answer(200, "delivery d-1 was taken already"));
      assertThat(sender.signed(path, "d-2", now, SECRET, alert("a-1")))
          .as("the same alert in a new delivery")
          .isEqualTo(new Answer(200, "item a-1 was taken already"));
      Answer replay =
          sender.signed(path, "d-3", now.minus(Duration.ofMinutes(10)), SECRET, alert("a-2"));
      assertThat(replay.status()).as(replay.message()).isEqualTo(401);
      assertThat(replay.message()).contains("a replay");

      // a-1 runs for a while; maxConcurrency 1 keeps a-2 in the spawner's status meanwhile.
      assertThat(sender.signed(path, "d-4", Instant.now(), SECRET, alert("a-2")))
          .isEqualTo(new Answer(202, "queued: a-2"));
      awaitSpawner(
          "alert-triage",
          s ->
              s.getStatus().getQueuedDeliveries().stream()
                  .map(QueuedDelivery::getId)
                  .toList()
                  .equals(List.of("a-2")));
      assertThat(taskNames()).doesNotContain("alert-triage-a-2");
      awaitTask("alert-triage-a-2");
      awaitSpawner("alert-triage", s -> s.getStatus().getQueuedDeliveries().isEmpty());

      String tokenPath = "/webhooks/generic/" + ns + "/alert-token";
      assertThat(sender.withToken(tokenPath, "t-1", "not-the-token", alert("b-1")))
          .isEqualTo(new Answer(401, "Authorization is not Bearer and the spawner's token"));
      assertThat(sender.withToken(tokenPath, "t-2", TOKEN, alert("b-1")))
          .isEqualTo(new Answer(202, "queued: b-1"));
      awaitTask("alert-token-b-1");
    }
    assertThat(taskNames())
        .containsExactly("alert-token-b-1", "alert-triage-a-1", "alert-triage-a-2");
  }

  static JsonObject alert(String id) {
    return new JsonObject()
        .put(
            "alert",
            new JsonObject()
                .put("id", id)
                .put("title", "Checkout p99 over 2s")
                .put("description", "p99 latency of POST /checkout is 2.4s {{.Body}} $(rm -rf /)")
                .put("url", "https://grafana.example.com/alerts/" + id)
                .put("labels", new JsonObject().put("service", "checkout").put("team", "payments"))
                .put("values", new JsonArray().add(2.4).add(2.1)));
  }

  ControllerInstance startController() {
    JsonObject settings =
        new JsonObject()
            .put("namespaces", new JsonArray().add(ns))
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
    return new ControllerInstance(plane, settings);
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

  void apply(String file) throws Exception {
    try (InputStream in = Files.newInputStream(EXAMPLES.resolve(file))) {
      client.load(in).inNamespace(ns).create();
    }
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
        () -> client.resources(TaskSpawner.class).inNamespace(ns).withName(name).get(),
        s -> s.getStatus() != null && condition.test(s));
  }
}

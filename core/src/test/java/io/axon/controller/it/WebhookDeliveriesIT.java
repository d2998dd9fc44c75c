package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Webhook;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.controller.webhook.Signatures;
import io.axon.controller.webhook.WebhookSender;
import io.axon.controller.webhook.WebhookSender.Answer;
import io.axon.source.github.ScriptedGitHub;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GitHub webhook deliveries over real HTTPS with real HMAC make a TaskSpawner poll at once (its
 * scheduled poll is an hour away): a signed delivery brings its issue's Task within seconds; a
 * badly signed or unsigned one, a repeated delivery id, another repository's event, and a replay
 * make no second Task; over {@code maxConcurrency} the delivered item gets its Task as soon as
 * there is room. On a real control plane (kwok plays the pods), against a scripted GitHub on
 * 127.0.0.1.
 */
class WebhookDeliveriesIT {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final String SECRET = "It's a Secret to Everybody";

  static ControlPlane plane;
  static KubernetesClient client;
  static Vertx vertx;
  static SelfSignedCertificate certificate;

  String ns;
  ScriptedGitHub github;
  KwokPods pods;
  WebhookSender sender;
  final List<ControllerInstance> controllers = new ArrayList<>();

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

  void prepare(String namespace, String spawnerName, Integer maxConcurrency) throws Exception {
    ns = plane.createNamespace(namespace);
    pods = new KwokPods(client, ns);
    github = ScriptedGitHub.start(vertx, "acme", "widgets");
    client.resource(SpawnerFixtures.workspace(ns)).create();
    client.resource(SpawnerFixtures.secret(ns, SpawnerFixtures.TOKEN)).create();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("webhook-secret")
                .withNamespace(ns)
                .endMetadata()
                .addToStringData("GITHUB_WEBHOOK_SECRET", SECRET)
                .build())
        .create();
    TaskSpawner spawner = SpawnerFixtures.spawner(ns, spawnerName, List.of("bug"), List.of());
    spawner.getSpec().setPollInterval("1h");
    spawner.getSpec().setMaxConcurrency(maxConcurrency);
    Webhook webhook = new Webhook();
    webhook.setSecretRef(new LocalObjectReference("webhook-secret"));
    spawner.getSpec().setWebhook(webhook);
    client.resource(spawner).create();

    JsonObject settings =
        new JsonObject()
            .put("namespaces", new JsonArray().add(ns))
            .put(
                "sources",
                new JsonObject()
                    .put("githubIssues", new JsonObject().put("apiBaseURL", github.baseURL())))
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
    ControllerInstance controller = new ControllerInstance(plane, settings);
    controllers.add(controller);
    sender =
        new WebhookSender(
            vertx, controller.harness.controller().webhookPort(), certificate.certificatePath());
    // The spawner's first poll, on start, finds nothing; the next is an hour away.
    Eventually.await(
        TIMEOUT,
        "the first poll",
        () -> client.resources(TaskSpawner.class).inNamespace(ns).withName(spawnerName).get(),
        s -> s.getStatus() != null && s.getStatus().getLastPollTime() != null);
  }

  @AfterEach
  void stopTestsOwn() throws Exception {
    controllers.forEach(ControllerInstance::close);
    if (sender != null) {
      sender.close();
    }
    if (pods != null) {
      pods.close();
    }
    if (github != null) {
      github.close();
    }
  }

  @Test
  void onlySignedNewDeliveriesMakeTheSpawnerPollAndNoneMakesASecondTask() throws Exception {
    prepare("hooks", "fix-bugs", null);
    String path = "/webhooks/github/" + ns + "/fix-bugs";

    github.addIssue("Crash on start", "It crashes.", "bug");
    JsonObject opened = WebhookSender.issueEvent("opened", "acme/widgets", 1, "Crash on start");
    assertThat(sender.deliver(path, "issues", "d-1", SECRET, opened))
        .isEqualTo(new Answer(202, "polling: issue opened"));
    String first = awaitTask("fix-bugs-1").getMetadata().getUid();

    github.addIssue("Broken build", "It fails.", "bug");
    int polls = github.requestCount();
    JsonObject second = WebhookSender.issueEvent("labeled", "acme/widgets", 2, "Broken build");
    assertThat(sender.deliver(path, "issues", "d-2", "not the secret", second).status())
        .isEqualTo(401);
    assertThat(sender.deliver(path, "issues", "d-3", null, second))
        .isEqualTo(
            new Answer(
                401, "X-Hub-Signature-256 does not match the body and the spawner's secret"));
    byte[] signedBytes = second.encode().getBytes(StandardCharsets.UTF_8);
    byte[] tampered =
        second.copy().put("action", "opened").encode().getBytes(StandardCharsets.UTF_8);
    assertThat(
            sender
                .send(path, "issues", "d-4", Signatures.sign(SECRET, signedBytes), tampered)
                .status())
        .as("a signature over other bytes")
        .isEqualTo(401);
    assertThat(sender.deliver(path, "issues", "d-1", SECRET, opened))
        .isEqualTo(new Answer(200, "delivery d-1 was taken already"));
    assertThat(
            sender.deliver(
                path,
                "issues",
                "d-5",
                SECRET,
                WebhookSender.issueEvent("opened", "acme/gadgets", 9, "Elsewhere")))
        .isEqualTo(
            new Answer(200, "ignored: acme/gadgets is not the spawner's repository acme/widgets"));
    assertThat(sender.deliver(path, "ping", "d-6", SECRET, new JsonObject().put("zen", "Keep it")))
        .isEqualTo(new Answer(200, "pong"));
    assertThat(
            sender.deliver("/webhooks/github/" + ns + "/nobody", "issues", "d-7", SECRET, opened))
        .isEqualTo(new Answer(404, "no TaskSpawner " + ns + "/nobody takes webhook deliveries"));
    assertThat(github.requestCount()).as("polls asked by refused deliveries").isEqualTo(polls);
    assertThat(taskNames()).containsExactly("fix-bugs-1");

    // A replay (the first delivery's bytes and signature under a new id) asks for a poll and no
    // more: that poll finds issue #2 too, and issue #1's Task stays the one it was.
    assertThat(sender.deliver(path, "issues", "d-8", SECRET, opened).status()).isEqualTo(202);
    awaitTask("fix-bugs-2");
    assertThat(taskNames()).containsExactly("fix-bugs-1", "fix-bugs-2");
    assertThat(awaitTask("fix-bugs-1").getMetadata().getUid()).isEqualTo(first);
  }

  @Test
  void overMaxConcurrencyADeliveredItemGetsItsTaskWhenThereIsRoom() throws Exception {
    prepare("capped", "capped", 1);
    String path = "/webhooks/github/" + ns + "/capped";
    pods.runFor("capped-1", "3s");
    github.addIssue("One", "1", "bug");
    assertThat(
            sender
                .deliver(
                    path,
                    "issues",
                    "c-1",
                    SECRET,
                    WebhookSender.issueEvent("opened", "acme/widgets", 1, "One"))
                .status())
        .isEqualTo(202);
    awaitTask("capped-1");
    github.addIssue("Two", "2", "bug");
    assertThat(
            sender
                .deliver(
                    path,
                    "issues",
                    "c-2",
                    SECRET,
                    WebhookSender.issueEvent("opened", "acme/widgets", 2, "Two"))
                .status())
        .isEqualTo(202);

    // Held back while capped-1 runs, not dropped: its Task comes when capped-1 ends.
    Task two = awaitTask("capped-2");
    Task one = awaitTask("capped-1");
    assertThat(one.getStatus().getPhase().isFinished()).isTrue();
    assertThat(two.getMetadata().getCreationTimestamp())
        .isGreaterThanOrEqualTo(one.getStatus().getCompletionTime());
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
}

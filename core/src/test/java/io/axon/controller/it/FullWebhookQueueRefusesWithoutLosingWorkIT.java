package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.QueuedDelivery;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Webhook;
import io.axon.controller.report.ScriptedGitHubWrites;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.controller.webhook.GenericWebhookSender;
import io.axon.controller.webhook.WebhookSender;
import io.axon.controller.webhook.WebhookSender.Answer;
import io.axon.source.github.ScriptedGitHub;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.InputStream;
import java.nio.file.Files;
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
 * A spawner's full webhook queue (its bound set small, {@code maxConcurrency} held by a running
 * Task) answers a further delivery 503 with a message that names the bound, keeps what it holds in
 * the spawner's status and turns all of it into Tasks as room comes, and takes the refused delivery
 * when it is sent again under its delivery id: for GitHub work ({@code status.queuedItems}) and for
 * generic deliveries ({@code status.queuedDeliveries}). Real HTTPS and HMAC, a real control plane
 * (kwok plays the pods), a scripted GitHub on 127.0.0.1.
 */
class FullWebhookQueueRefusesWithoutLosingWorkIT {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final String SECRET = "full queue secret";

  static ControlPlane plane;
  static KubernetesClient client;
  static Vertx vertx;
  static SelfSignedCertificate certificate;

  String ns;
  KwokPods pods;

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
  void stopPods() {
    if (pods != null) {
      pods.close();
    }
  }

  @Test
  void aFullQueueOfGitHubWorkRefusesTheNextAndLosesNothing() throws Exception {
    ns = plane.createNamespace("full-queue");
    pods = new KwokPods(client, ns);
    client.resource(SpawnerFixtures.workspace(ns)).create();
    client.resource(SpawnerFixtures.secret(ns, SpawnerFixtures.TOKEN)).create();
    secret("webhook-secret", "GITHUB_WEBHOOK_SECRET", SECRET);
    TaskSpawner spawner = SpawnerFixtures.spawner(ns, "hooks", List.of("bug"), List.of());
    spawner.getSpec().setPollInterval("1h");
    spawner.getSpec().setMaxConcurrency(1);
    Webhook webhook = new Webhook();
    webhook.setSecretRef(new LocalObjectReference("webhook-secret"));
    webhook.setTriggerPhrase("/axon fix");
    spawner.getSpec().setWebhook(webhook);
    client.resource(spawner).create();
    pods.keepRunning("hooks-5-comment-1"); // holds the only place until the test ends it

    try (ScriptedGitHub issues = ScriptedGitHub.start(vertx, "acme", "widgets");
        ScriptedGitHubWrites github =
            ScriptedGitHubWrites.start(vertx)
                .delegateTo(issues.baseURL())
                .requireToken(SpawnerFixtures.TOKEN)
                .issue(5, "Crash on start", "It crashes.", "bug");
        ControllerInstance controller =
            new ControllerInstance(
                plane,
                settings(new JsonObject().put("maxQueuedItems", 2))
                    .put(
                        "sources",
                        new JsonObject()
                            .put(
                                "githubIssues",
                                new JsonObject().put("apiBaseURL", github.baseURL()))));
        WebhookSender sender =
            new WebhookSender(
                vertx,
                controller.harness.controller().webhookPort(),
                certificate.certificatePath())) {
      String path = "/webhooks/github/" + ns + "/hooks";
      assertThat(sender.deliver(path, "issue_comment", "f-1", SECRET, trigger(1)))
          .isEqualTo(new Answer(202, "queued: comment:5:1"));
      awaitTask("hooks-5-comment-1");
      assertThat(sender.deliver(path, "issue_comment", "f-2", SECRET, trigger(2)).status())
          .isEqualTo(202);
      assertThat(sender.deliver(path, "issue_comment", "f-3", SECRET, trigger(3)).status())
          .isEqualTo(202);
      List<String> full = List.of("comment:5:2", "comment:5:3");
      awaitSpawner("hooks", s -> s.getStatus().getQueuedItems().equals(full));

      JsonObject refused = trigger(4);
      assertThat(sender.deliver(path, "issue_comment", "f-4", SECRET, refused))
          .isEqualTo(
              new Answer(
                  503,
                  "the spawner's queue is full (webhook.maxQueuedItems: 2); redeliver it once"
                      + " its Tasks have made room, under the same delivery id"));
      assertThat(spawner("hooks").getStatus().getQueuedItems())
          .as("the queue after the refusal")
          .isEqualTo(full);
      assertThat(taskNames()).containsExactly("hooks-5-comment-1");

      // As the running Task ends, the queued ones get theirs, in order; the refused delivery,
      // sent again under its id (GitHub's "Redeliver"), is taken then.
      pods.complete("hooks-5-comment-1", TIMEOUT);
      awaitTask("hooks-5-comment-2");
      awaitTask("hooks-5-comment-3");
      awaitSpawner("hooks", s -> s.getStatus().getQueuedItems().isEmpty());
      assertThat(sender.deliver(path, "issue_comment", "f-4", SECRET, refused))
          .isEqualTo(new Answer(202, "queued: comment:5:4"));
      awaitTask("hooks-5-comment-4");
    }
    assertThat(taskNames())
        .containsExactly(
            "hooks-5-comment-1", "hooks-5-comment-2", "hooks-5-comment-3", "hooks-5-comment-4");
  }

  @Test
  void aFullQueueOfGenericDeliveriesRefusesTheNextAndLosesNothing() throws Exception {
    ns = plane.createNamespace("full-generic");
    pods = new KwokPods(client, ns);
    secret("alert-webhook", "WEBHOOK_SECRET", SECRET);
    secret("claude-credentials", "CLAUDE_CODE_OAUTH_TOKEN", "sk-ant-oat-example");
    apply("workspace.yaml");
    apply("taskspawner-generic-webhook.yaml"); // maxConcurrency: 1
    pods.keepRunning("alert-triage-a-1"); // holds the only place until the test ends it

    try (ControllerInstance controller =
            new ControllerInstance(
                plane, settings(new JsonObject().put("maxQueuedDeliveries", 2)));
        GenericWebhookSender sender =
            new GenericWebhookSender(
                vertx,
                controller.harness.controller().webhookPort(),
                certificate.certificatePath())) {
      String path = "/webhooks/generic/" + ns + "/alert-triage";
      assertThat(sender.signed(path, "g-1", Instant.now(), SECRET, alert("a-1")))
          .isEqualTo(new Answer(202, "queued: a-1"));
      awaitTask("alert-triage-a-1");
      assertThat(sender.signed(path, "g-2", Instant.now(), SECRET, alert("a-2")).status())
          .isEqualTo(202);
      assertThat(sender.signed(path, "g-3", Instant.now(), SECRET, alert("a-3")).status())
          .isEqualTo(202);
      List<String> full = List.of("a-2", "a-3");
      awaitSpawner("alert-triage", s -> queuedIds(s).equals(full));

      assertThat(sender.signed(path, "g-4", Instant.now(), SECRET, alert("a-4")))
          .isEqualTo(
              new Answer(
                  503,
                  "the spawner's queue is full (webhook.maxQueuedDeliveries: 2); send it again"
                      + " once its Tasks have made room, under the same delivery id"));
      assertThat(queuedIds(spawner("alert-triage")))
          .as("the queue after the refusal")
          .isEqualTo(full);
      assertThat(taskNames()).containsExactly("alert-triage-a-1");

      pods.complete("alert-triage-a-1", TIMEOUT);
      awaitTask("alert-triage-a-2");
      awaitTask("alert-triage-a-3");
      awaitSpawner("alert-triage", s -> s.getStatus().getQueuedDeliveries().isEmpty());
      assertThat(sender.signed(path, "g-4", Instant.now(), SECRET, alert("a-4")))
          .isEqualTo(new Answer(202, "queued: a-4"));
      awaitTask("alert-triage-a-4");
    }
    assertThat(taskNames())
        .containsExactly(
            "alert-triage-a-1", "alert-triage-a-2", "alert-triage-a-3", "alert-triage-a-4");
  }

  static JsonObject trigger(long comment) {
    return WebhookSender.commentCreated(
        5, comment, "octocat", "/axon fix", Instant.now().minusSeconds(5));
  }

  static JsonObject alert(String id) {
    return GenericWebhookDeliveriesIT.alert(id);
  }

  static List<String> queuedIds(TaskSpawner spawner) {
    return spawner.getStatus().getQueuedDeliveries().stream().map(QueuedDelivery::getId).toList();
  }

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
}

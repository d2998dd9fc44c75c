package io.axon.controller.it;

import static io.axon.controller.it.FullWebhookQueuePlane.SECRET;
import static io.axon.controller.it.FullWebhookQueuePlane.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.QueuedDelivery;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.webhook.GenericWebhookSender;
import io.axon.controller.webhook.WebhookSender.Answer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A spawner's full queue of generic webhook deliveries ({@code maxConcurrency} held by a running
 * Task) answers a further delivery 503 naming {@code webhook.maxQueuedDeliveries}, keeps what it
 * holds in {@code status.queuedDeliveries}, turns all of it into Tasks as room comes, and takes the
 * refused delivery when it is sent again under its delivery id (real HTTPS and HMAC, a real control
 * plane where kwok plays the pods).
 */
class FullGenericWebhookQueueRefusesWithoutLosingWorkIT {

  @Test
  void aFullQueueOfGenericDeliveriesRefusesTheNextAndLosesNothing() throws Exception {
    try (FullWebhookQueuePlane q = FullWebhookQueuePlane.start("full-generic")) {
      q.secret("alert-webhook", "WEBHOOK_SECRET", SECRET);
      q.secret("claude-credentials", "CLAUDE_CODE_OAUTH_TOKEN", "sk-ant-oat-example");
      q.apply("workspace.yaml");
      q.apply("taskspawner-generic-webhook.yaml"); // maxConcurrency: 1
      q.pods.keepRunning("alert-triage-a-1"); // holds the only place until the test ends it

      try (ControllerInstance controller =
              new ControllerInstance(
                  q.plane, q.settings(new JsonObject().put("maxQueuedDeliveries", 2)));
          GenericWebhookSender sender =
              new GenericWebhookSender(
                  q.vertx,
                  controller.harness.controller().webhookPort(),
                  q.certificate.certificatePath())) {
        String path = "/webhooks/generic/" + q.ns + "/alert-triage";
        assertThat(sender.signed(path, "g-1", Instant.now(), SECRET, alert("a-1")))
            .isEqualTo(new Answer(202, "queued: a-1"));
        q.awaitTask("alert-triage-a-1");
        // Its entry leaves the queue just after its Task is made: until then it holds a place.
        q.awaitSpawner("alert-triage", s -> queuedIds(s).isEmpty());
        assertThat(sender.signed(path, "g-2", Instant.now(), SECRET, alert("a-2")).status())
            .isEqualTo(202);
        assertThat(sender.signed(path, "g-3", Instant.now(), SECRET, alert("a-3")).status())
            .isEqualTo(202);
        List<String> full = List.of("a-2", "a-3");
        q.awaitSpawner("alert-triage", s -> queuedIds(s).equals(full));

        assertThat(sender.signed(path, "g-4", Instant.now(), SECRET, alert("a-4")))
            .isEqualTo(
                new Answer(
                    503,
                    "the spawner's queue is full (webhook.maxQueuedDeliveries: 2); send it again"
                        + " once its Tasks have made room, under the same delivery id"));
        assertThat(queuedIds(q.spawner("alert-triage")))
            .as("the queue after the refusal")
            .isEqualTo(full);
        assertThat(q.taskNames()).containsExactly("alert-triage-a-1");

        q.pods.complete("alert-triage-a-1", TIMEOUT);
        q.awaitTask("alert-triage-a-2");
        q.awaitTask("alert-triage-a-3");
        q.awaitSpawner("alert-triage", s -> s.getStatus().getQueuedDeliveries().isEmpty());
        assertThat(sender.signed(path, "g-4", Instant.now(), SECRET, alert("a-4")))
            .isEqualTo(new Answer(202, "queued: a-4"));
        q.awaitTask("alert-triage-a-4");
      }
      assertThat(q.taskNames())
          .containsExactly(
              "alert-triage-a-1", "alert-triage-a-2", "alert-triage-a-3", "alert-triage-a-4");
    }
  }

  static JsonObject alert(String id) {
    return GenericWebhookDeliveriesIT.alert(id);
  }

  static List<String> queuedIds(TaskSpawner spawner) {
    return spawner.getStatus().getQueuedDeliveries().stream().map(QueuedDelivery::getId).toList();
  }
}

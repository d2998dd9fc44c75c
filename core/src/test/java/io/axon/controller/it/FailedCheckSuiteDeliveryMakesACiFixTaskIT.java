package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Webhook;
import io.axon.controller.report.ScriptedGitHubWrites;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.controller.webhook.WebhookSender;
import io.axon.controller.webhook.WebhookSender.Answer;
import io.axon.source.github.ScriptedGitHub;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A signed {@code check_suite} completed with failure on a pull request (GitHub's recorded shape,
 * real HTTPS and HMAC) makes one CI-fix Task on the pull request's branch; a suite that succeeded,
 * one completed over an hour ago and the same suite delivered again make none. On a real API
 * server, against a scripted GitHub on 127.0.0.1 whose every call is recorded.
 */
class FailedCheckSuiteDeliveryMakesACiFixTaskIT {
  static final Duration TIMEOUT = Duration.ofSeconds(40);
  static final String SECRET = "check suite webhook secret";
  static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  static final long SUITE = 118578147;

  @RegisterExtension static final WebhookControlPlane hooks = new WebhookControlPlane(TIMEOUT);

  @Test
  void aFailedSuiteOnAPullRequestMakesOneTaskOnItsBranch() throws Exception {
    String ns = hooks.createNamespace("suite-hooks", SECRET);
    TaskSpawner spawner = SpawnerFixtures.spawner(ns, "ci", List.of("bug"), List.of());
    spawner.getSpec().setPollInterval("1h");
    Webhook webhook = WebhookControlPlane.signedWebhook();
    webhook.setCheckFailures(true);
    spawner.getSpec().setWebhook(webhook);
    hooks.client().resource(spawner).create();

    try (ScriptedGitHub issues = ScriptedGitHub.start(hooks.vertx(), "acme", "widgets");
        ScriptedGitHubWrites github =
            ScriptedGitHubWrites.start(hooks.vertx())
                .delegateTo(issues.baseURL())
                .requireToken(SpawnerFixtures.TOKEN)
                .pullRequestBy(7, HEAD, "octocat");
        ControllerInstance controller =
            new ControllerInstance(
                hooks.plane(), hooks.settings(ns, "githubIssues", github.baseURL()));
        WebhookSender sender = hooks.senderTo(controller)) {
      String path = "/webhooks/github/" + ns + "/ci";
      Instant now = Instant.now();
      assertThat(
              sender.deliver(
                  path,
                  "check_suite",
                  "s-1",
                  SECRET,
                  WebhookSender.checkSuiteCompleted(SUITE, 7, "feature", "success", now)))
          .isEqualTo(new Answer(200, "ignored: check_suite completed"));
      assertThat(
              sender.deliver(
                  path,
                  "check_suite",
                  "s-2",
                  SECRET,
                  WebhookSender.checkSuiteCompleted(
                      SUITE + 1, 7, "feature", "failure", now.minus(Duration.ofHours(2)))))
          .isEqualTo(
              new Answer(200, "ignored: check_suite:7:" + (SUITE + 1) + " is older than 1h"));
      JsonObject failed =
          WebhookSender.checkSuiteCompleted(SUITE, 7, "feature", "failure", now.minusSeconds(5));
      assertThat(sender.deliver(path, "check_suite", "s-3", SECRET, failed))
          .isEqualTo(new Answer(202, "queued: check_suite:7:" + SUITE));

      Task fix = hooks.awaitTask(ns, "ci-7-suite-" + SUITE);
      assertThat(fix.getSpec().getBranch()).isEqualTo("feature");
      assertThat(fix.getSpec().getPrompt())
          .isEqualTo(
              "Fix: CI failed on pull request #7: check suite "
                  + SUITE
                  + "\nCheck suite "
                  + SUITE
                  + " failed.\n\nPull request: Make it faster (branch feature into main)\n"
                  + "Caches the results.");
      awaitEmptyQueue(ns);

      // The same suite again, redelivered (same id) and replayed (a new id): no second Task.
      assertThat(sender.deliver(path, "check_suite", "s-3", SECRET, failed))
          .isEqualTo(new Answer(200, "delivery s-3 was taken already"));
      assertThat(sender.deliver(path, "check_suite", "s-4", SECRET, failed).status())
          .isIn(200, 202);
      awaitEmptyQueue(ns);
      assertThat(hooks.taskNames(ns)).containsExactly("ci-7-suite-" + SUITE);
      assertThat(github.calls())
          .as(
              "the calls made for the suite: the author gate's and the Task's reads of its pull request")
          .extracting(ScriptedGitHubWrites.Call::toString)
          .contains("GET /repos/acme/widgets/pulls/7 -> 200")
          .allMatch(c -> c.equals("GET /repos/acme/widgets/pulls/7 -> 200"), "reads only");
    }
  }

  static void awaitEmptyQueue(String ns) {
    hooks.awaitSpawner(ns, "ci", s -> s.getStatus().getQueuedItems().isEmpty());
  }
}

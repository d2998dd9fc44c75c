package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.GitHubPullRequests;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Webhook;
import io.axon.api.v1alpha1.When;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.controller.webhook.WebhookSender;
import io.axon.controller.webhook.WebhookSender.Answer;
import io.axon.source.github.ScriptedGitHub;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A signed {@code pull_request} delivery (GitHub's recorded shape, real HTTPS and HMAC) makes a
 * {@code githubPullRequests} spawner poll at once, and its filters decide: a labelled pull request
 * gets a Task on its head branch, one without the label gets none until it is labelled; a badly
 * signed delivery and a repeated delivery id ask for no poll. On a real API server, against a
 * scripted GitHub on 127.0.0.1 whose every request is recorded.
 */
class PullRequestDeliveryMakesATaskOnItsBranchIT {
  static final Duration TIMEOUT = Duration.ofSeconds(40);
  static final String SECRET = "pull request webhook secret";

  @RegisterExtension static final WebhookControlPlane hooks = new WebhookControlPlane(TIMEOUT);

  @Test
  void aDeliveredPullRequestThatPassesTheFiltersGetsATaskOnItsBranch() throws Exception {
    String ns = hooks.createNamespace("pull-hooks", SECRET);
    GitHubPullRequests pulls = new GitHubPullRequests();
    pulls.setWorkspaceRef(new LocalObjectReference("widgets"));
    pulls.setLabels(List.of("agent"));
    When when = new When();
    when.setGithubPullRequests(pulls);
    TaskSpawner spawner = SpawnerFixtures.spawner(ns, "review", List.of(), List.of());
    spawner.getSpec().setWhen(when);
    spawner.getSpec().setPollInterval("1h");
    spawner
        .getSpec()
        .getTaskTemplate()
        .setPromptTemplate("Work on {{.URL}} ({{.Branch}} into {{.Base}}): {{.Title}}");
    Webhook webhook = WebhookControlPlane.signedWebhook();
    spawner.getSpec().setWebhook(webhook);
    hooks.client().resource(spawner).create();

    try (ScriptedGitHub github = ScriptedGitHub.start(hooks.vertx(), "acme", "widgets");
        ControllerInstance controller =
            new ControllerInstance(
                hooks.plane(), hooks.settings(ns, "githubPullRequests", github.baseURL()));
        WebhookSender sender = hooks.senderTo(controller)) {
      String path = "/webhooks/github/" + ns + "/review";
      PollRequests polls = new PollRequests(controller.harness.vertx());
      // The first poll, on start, finds nothing; the next scheduled one is an hour away.
      hooks.awaitSpawner(ns, "review", s -> s.getStatus().getLastPollTime() != null);

      github.addPull("Fix the crash", "Closes the crash.", "fix/crash", "main", "agent");
      JsonObject opened =
          WebhookSender.pullRequestEvent("opened", 1, "Fix the crash", "fix/crash", "agent");
      // A poll asked for while no other is due is sent before the delivery is answered: counted
      // right after the answer, none may have been asked for.
      polls.awaitNoneDue(TIMEOUT);
      assertThat(sender.deliver(path, "pull_request", "p-0", "not the secret", opened))
          .isEqualTo(
              new Answer(
                  401, "X-Hub-Signature-256 does not match the body and the spawner's secret"));
      assertThat(polls.sent()).as("polls a badly signed delivery asked for").isZero();
      assertThat(sender.deliver(path, "pull_request", "p-1", SECRET, opened))
          .isEqualTo(new Answer(202, "polling: pull request opened"));
      assertThat(polls.sent()).as("polls the first good delivery asked for").isEqualTo(1);
      Task first = hooks.awaitTask(ns, "review-1");
      assertThat(first.getSpec().getBranch()).isEqualTo("fix/crash");
      assertThat(first.getSpec().getPrompt())
          .isEqualTo(
              "Work on https://github.com/acme/widgets/pull/1 (fix/crash into main): Fix the crash");
      polls.awaitNoneDue(TIMEOUT);
      assertThat(sender.deliver(path, "pull_request", "p-1", SECRET, opened))
          .isEqualTo(new Answer(200, "delivery p-1 was taken already"));
      assertThat(polls.sent()).as("polls a repeated delivery asked for").isEqualTo(1);

      // #2 lacks the label: its delivery asks for a poll, the filters leave it out. A later
      // delivery's poll (for #3) lists #2 too, and its status (two items found) is written after
      // that poll made its Tasks.
      github.addPull("Not for agents", "", "feat/x", "main");
      assertThat(
              sender.deliver(
                  path,
                  "pull_request",
                  "p-2",
                  SECRET,
                  WebhookSender.pullRequestEvent("opened", 2, "Not for agents", "feat/x")))
          .isEqualTo(new Answer(202, "polling: pull request opened"));
      github.addPull("Speed it up", "", "perf/cache", "main", "agent");
      assertThat(
              sender
                  .deliver(
                      path,
                      "pull_request",
                      "p-3",
                      SECRET,
                      WebhookSender.pullRequestEvent(
                          "opened", 3, "Speed it up", "perf/cache", "agent"))
                  .status())
          .isEqualTo(202);
      assertThat(hooks.awaitTask(ns, "review-3").getSpec().getBranch()).isEqualTo("perf/cache");
      hooks.awaitSpawner(
          ns, "review", s -> Integer.valueOf(2).equals(s.getStatus().getItemsFound()));
      assertThat(hooks.taskNames(ns)).containsExactly("review-1", "review-3");

      // Labelled now, #2 passes: its labeled delivery brings its Task.
      github.editPull(2, p -> p.put("labels", ScriptedGitHub.labelObjects("agent")));
      assertThat(
              sender.deliver(
                  path,
                  "pull_request",
                  "p-4",
                  SECRET,
                  WebhookSender.pullRequestEvent(
                      "labeled", 2, "Not for agents", "feat/x", "agent")))
          .isEqualTo(new Answer(202, "polling: pull request labeled"));
      assertThat(hooks.awaitTask(ns, "review-2").getSpec().getBranch()).isEqualTo("feat/x");
      assertThat(hooks.taskNames(ns)).containsExactly("review-1", "review-2", "review-3");
      assertThat(github.requests())
          .as("every request the controller made of GitHub: listings of this repository's pulls")
          .allSatisfy(
              r -> assertThat(r.path()).matches("/repos/acme/widgets/pulls(/[0-9]+/reviews)?"));
    }
  }
}

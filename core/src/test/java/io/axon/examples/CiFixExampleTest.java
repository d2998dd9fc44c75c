package io.axon.examples;

import static io.axon.controller.ControllerHarness.await;
import static io.axon.controller.ControllerHarness.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.controller.credentials.CredentialHosts;
import io.axon.controller.report.ScriptedGitHubWrites;
import io.axon.controller.webhook.WebhookSender;
import io.axon.source.github.ScriptedGitHub;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * examples/taskspawner-ci-fix.yaml, applied as a user would with the Secrets it names: a signed
 * {@code check_run} delivery of a failed check on a pull request labelled {@code agent} becomes a
 * Task with the check's summary, working on the pull request's branch.
 */
@EnableKubernetesMockClient(crud = true)
class CiFixExampleTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  static final String TOKEN = "ghp_ciFixExampleToken0123456789";
  static final String SECRET = "ci fix webhook secret";
  static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  KubernetesClient client;

  @Test
  void aFailedCheckBecomesATaskOnThePullRequestsBranch() throws Exception {
    Vertx vertx = Vertx.vertx();
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    try (ScriptedGitHub issues = ScriptedGitHub.start(vertx, "your-org", "your-repo");
        ScriptedGitHubWrites github =
            ScriptedGitHubWrites.start(vertx)
                .delegateTo(issues.baseURL())
                .requireToken(TOKEN)
                .pullRequestBy(7, HEAD, "octocat")
                .pullRequestLabels(7, "agent")) {
      long check =
          github.addCheckRun("build", HEAD, "failure", "2 tests failed", "FooTest.bar: expected 1");
      secret("github-token", "GITHUB_TOKEN", TOKEN);
      secret("github-webhook", "GITHUB_WEBHOOK_SECRET", SECRET);
      JsonObject settings =
          new JsonObject()
              .put("leaderElection", new JsonObject().put("enabled", false))
              .put(
                  "sources",
                  new JsonObject()
                      .put(
                          "githubPullRequests",
                          new JsonObject().put("apiBaseURL", github.baseURL())))
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
      try (ControllerHarness harness =
          new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()), settings)) {
        try (InputStream in = Files.newInputStream(EXAMPLES.resolve("taskspawner-ci-fix.yaml"))) {
          client.load(in).inNamespace(Fixtures.NAMESPACE).create();
        }
        await(() -> issues.requestCount(), count -> count > 0, "the spawner's first poll");
        try (WebhookSender sender =
            new WebhookSender(
                vertx, harness.controller().webhookPort(), certificate.certificatePath())) {
          WebhookSender.Answer answer =
              sender.deliver(
                  "/webhooks/github/" + Fixtures.NAMESPACE + "/ci-fix",
                  "check_run",
                  "b2e1a4c0-cc78-11e3-81ab-4c9367dc0958",
                  SECRET,
                  failedCheckRun(check, 7));
          assertThat(answer)
              .isEqualTo(new WebhookSender.Answer(202, "queued: check_run:7:" + check));
        }
        Task task = awaitTask(client, "ci-fix-7-check-" + check, t -> true, "the check's Task");
        assertThat(task.getSpec().getBranch()).isEqualTo("feature");
        assertThat(task.getSpec().getWorkspaceRef().getName()).isEqualTo("ci-workspace");
        assertThat(task.getSpec().getPrompt())
            .startsWith(
                "CI failed on pull request #7: build\n\nCheck build failed: 2 tests failed\n\n"
                    + "FooTest.bar: expected 1")
            .endsWith("Make the failing check pass on this branch and push your commits.\n");
      }
    } finally {
      certificate.delete();
      vertx.close().await();
    }
  }

  /** The check run "build" failed on the pull request's branch, GitHub's recorded shape. */
  static JsonObject failedCheckRun(long id, long pull) {
    return WebhookSender.inRepository(
        WebhookSender.checkRunCompleted(
            id, "build", pull, "feature", "failure", Instant.now().minusSeconds(5)),
        "your-org/your-repo");
  }

  private void secret(String name, String key, String value) {
    client
        .secrets()
        .inNamespace(Fixtures.NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .addToAnnotations(CredentialHosts.ANNOTATION, "127.0.0.1,github.com")
                .endMetadata()
                .addToStringData(key, value)
                .build())
        .create();
  }
}

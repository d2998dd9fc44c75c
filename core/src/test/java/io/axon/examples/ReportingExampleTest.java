package io.axon.examples;

import static io.axon.controller.ControllerHarness.await;
import static io.axon.controller.ControllerHarness.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/**
 * examples/taskspawner-reporting.yaml, applied as a user would with the two Secrets it names: a
 * signed webhook delivery brings the issue's Task at once (the next poll is 30 minutes away), and
 * the Task's comment appears on the issue, written with the Workspace's token.
 */
@EnableKubernetesMockClient(crud = true)
class ReportingExampleTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  static final String TOKEN = "ghp_reportingExampleToken0123456789";
  static final String SECRET = "webhook secret";
  KubernetesClient client;

  @Test
  void aDeliveredIssueBecomesATaskThatCommentsOnIt() throws Exception {
    Vertx vertx = Vertx.vertx();
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    try (ScriptedGitHub issues = ScriptedGitHub.start(vertx, "your-org", "your-repo");
        ScriptedGitHubWrites github =
            ScriptedGitHubWrites.start(vertx).delegateTo(issues.baseURL()).requireToken(TOKEN)) {
      secret("github-token", "GITHUB_TOKEN", TOKEN);
      secret("github-webhook", "GITHUB_WEBHOOK_SECRET", SECRET);
      JsonObject settings =
          new JsonObject()
              .put("leaderElection", new JsonObject().put("enabled", false))
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
      try (ControllerHarness harness =
          new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()), settings)) {
        try (InputStream in =
            Files.newInputStream(EXAMPLES.resolve("taskspawner-reporting.yaml"))) {
          client.load(in).inNamespace(Fixtures.NAMESPACE).create();
        }
        await(() -> issues.requestCount(), count -> count > 0, "the spawner's first poll");
        issues.addIssue("Login fails", "Steps: wait an hour", "bug");
        try (WebhookSender sender =
            new WebhookSender(
                vertx, harness.controller().webhookPort(), certificate.certificatePath())) {
          WebhookSender.Answer answer =
              sender.deliver(
                  "/webhooks/github/" + Fixtures.NAMESPACE + "/triage-bugs",
                  "issues",
                  "72d3162e-cc78-11e3-81ab-4c9367dc0958",
                  SECRET,
                  WebhookSender.issueEvent("opened", "your-org/your-repo", 1, "Login fails"));
          assertThat(answer.status()).as(answer.message()).isEqualTo(202);
        }
        awaitTask(client, "triage-bugs-1", t -> true, "the delivered issue's Task");
        JsonObject comment =
            await(
                () -> github.comments(1).stream().findFirst().orElse(null),
                c -> c != null,
                "the Task's comment on issue #1");
        assertThat(comment.getString("body")).contains("**Axon** Task `triage-bugs-1`");
        assertThat(github.calls("POST", "/repos/your-org/your-repo/issues/1/comments"))
            .singleElement()
            .satisfies(c -> assertThat(c.authorization()).isEqualTo("Bearer " + TOKEN));
      }
    } finally {
      certificate.delete();
      vertx.close().await();
    }
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

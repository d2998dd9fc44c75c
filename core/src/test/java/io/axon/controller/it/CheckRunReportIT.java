package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.CheckRunReport;
import io.axon.api.v1alpha1.Credentials;
import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Report;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpec;
import io.axon.controller.report.AppKeys;
import io.axon.controller.report.ScriptedGitHubWrites;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.source.github.ScriptedGitHub;
import io.axon.spi.agent.CredentialType;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskSpawner with {@code spec.report.checkRun} reports each Task of a pull request as one Check
 * Run on the pull request's head commit, written as a GitHub App installation (a JWT signed with
 * the App's PKCS#1 key, exchanged for an installation token): queued or in progress, then completed
 * with success or failure and the report's summary. On a real control plane (kwok plays the pods),
 * against a scripted GitHub on 127.0.0.1 that verifies the JWT and checks every call.
 */
class CheckRunReportIT {
  static final Duration TIMEOUT = Duration.ofSeconds(45);
  static final String HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  static final String INSTALLATION_TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";

  static ControlPlane plane;
  static KubernetesClient client;
  static Vertx vertx;

  @TempDir Path dir;
  String ns;
  ScriptedGitHub issues;
  ScriptedGitHubWrites github;
  KwokPods pods;
  ControllerInstance controller;

  @BeforeAll
  static void startControlPlane() {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopControlPlane() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @AfterEach
  void stopTestsOwn() throws Exception {
    for (AutoCloseable each : new AutoCloseable[] {controller, pods, github, issues}) {
      if (each != null) {
        each.close();
      }
    }
  }

  @Test
  void eachTaskOfAPullRequestIsOneCheckRunThatEndsWithItsOutcome() throws Exception {
    ns = plane.createNamespace("checks");
    pods = new KwokPods(client, ns);
    issues = ScriptedGitHub.start(vertx, "acme", "widgets");
    String key = AppKeys.pkcs1(dir);
    github =
        ScriptedGitHubWrites.start(vertx)
            .delegateTo(issues.baseURL())
            .app("424242", "31337", AppKeys.publicKey(key), INSTALLATION_TOKEN)
            .pullRequest(7, HEAD)
            .pullRequest(8, HEAD.replace('6', '7'));
    client.resource(SpawnerFixtures.workspace(ns)).create();
    client.resource(SpawnerFixtures.secret(ns, SpawnerFixtures.TOKEN)).create();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("github-app")
                .withNamespace(ns)
                .addToAnnotations("axon.io/allowed-hosts", "127.0.0.1")
                .endMetadata()
                .addToStringData("GITHUB_APP_ID", "424242")
                .addToStringData("GITHUB_APP_INSTALLATION_ID", "31337")
                .addToStringData("GITHUB_APP_PRIVATE_KEY", key)
                .build())
        .create();
    TaskSpawner spawner = SpawnerFixtures.spawner(ns, "review", List.of("never"), List.of());
    CheckRunReport checkRun = new CheckRunReport();
    checkRun.setSecretRef(new LocalObjectReference("github-app"));
    checkRun.setName("axon / agent");
    Report report = new Report();
    report.setCheckRun(checkRun);
    spawner.getSpec().setReport(report);
    client.resource(spawner).create();
    controller =
        new ControllerInstance(
            plane,
            new JsonObject()
                .put("namespaces", new JsonArray().add(ns))
                .put(
                    "sources",
                    new JsonObject()
                        .put(
                            "githubIssues", new JsonObject().put("apiBaseURL", github.baseURL()))));

    // Tasks as a pull request source makes them: the spawner's label and the item's page.
    pods.runFor("review-7", "2s");
    pods.fail(
        "review-8",
        1,
        "Error",
        "{\"outcome\":\"Failed\",\"reason\":\"error_during_execution\",\"message\":\"Tests"
            + " failed\",\"turns\":4}");
    Task seven = client.resource(pullRequestTask("review-7", 7)).create();
    Task eight = client.resource(pullRequestTask("review-8", 8)).create();
    awaitPhase("review-7", TaskPhase.Succeeded);
    awaitPhase("review-8", TaskPhase.Failed);

    JsonObject success = awaitRun(seven, "success");
    JsonObject failure = awaitRun(eight, "failure");
    assertThat(success.getString("head_sha")).isEqualTo(HEAD);
    assertThat(success.getString("name")).isEqualTo("axon / agent");
    assertThat(success.getString("status")).isEqualTo("completed");
    assertThat(success.getJsonObject("output").getString("title"))
        .isEqualTo("Axon Task `review-7`: succeeded");
    assertThat(success.getJsonObject("output").getString("summary"))
        .isEqualTo("The agent finished.");
    assertThat(success.getString("started_at")).isNotNull();
    assertThat(success.getString("completed_at")).isNotNull();
    assertThat(failure.getString("head_sha")).isEqualTo(HEAD.replace('6', '7'));
    assertThat(failure.getJsonObject("output").getString("summary"))
        .contains("Reason: `Unknown`", "| Turns | 4 |");
    assertThat(github.checkRuns()).as("one Check Run per Task").hasSize(2);

    // One installation token, reused; every Check Run call made with it.
    assertThat(github.calls("POST", "/app/installations/31337/access_tokens"))
        .hasSize(1)
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(201));
    assertThat(github.calls("POST", "/repos/acme/widgets/check-runs")).hasSize(2);
    for (ScriptedGitHubWrites.Call call : github.calls()) {
      if (!call.path().startsWith("/app/")) {
        assertThat(call.authorization())
            .as(call.toString())
            .isEqualTo("Bearer " + INSTALLATION_TOKEN);
        assertThat(call.status()).as(call.toString()).isBetween(200, 201);
      }
    }
    assertThat(github.calls("POST", "/repos/acme/widgets/issues"))
        .as("no comments asked")
        .isEmpty();
    assertThat(
            Eventually.await(
                    TIMEOUT,
                    "the Check Run id on the Task",
                    () -> client.resources(Task.class).inNamespace(ns).withName("review-7").get(),
                    t ->
                        t.getMetadata().getAnnotations() != null
                            && t.getMetadata()
                                .getAnnotations()
                                .containsKey("axon.io/report-check-run-id"))
                .getMetadata()
                .getAnnotations())
        .containsEntry("axon.io/report-check-run-id", String.valueOf(success.getLong("id")));
  }

  Task pullRequestTask(String name, long number) {
    Task task = new Task();
    task.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(ns)
            .withLabels(
                Map.of(ApiGroup.SPAWNER_LABEL, "review", ApiGroup.ITEM_LABEL, "pr-" + number))
            .withAnnotations(
                Map.of(
                    ApiGroup.ITEM_URL_ANNOTATION, "https://github.com/acme/widgets/pull/" + number))
            .build());
    TaskSpec spec = new TaskSpec();
    spec.setType("claude-code");
    spec.setPrompt("Review pull request #" + number);
    spec.setCredentials(new Credentials(CredentialType.OAUTH, "claude-credentials"));
    spec.setWorkspaceRef(new LocalObjectReference("widgets"));
    task.setSpec(spec);
    return task;
  }

  JsonObject awaitRun(Task task, String conclusion) {
    return Eventually.await(
        TIMEOUT,
        "the Check Run of " + task.getMetadata().getName() + " to conclude " + conclusion,
        () ->
            github.checkRuns().stream()
                .filter(r -> task.getMetadata().getUid().equals(r.getString("external_id")))
                .findFirst()
                .orElse(null),
        r -> conclusion.equals(r.getString("conclusion")));
  }

  void awaitPhase(String name, TaskPhase phase) {
    Eventually.await(
        TIMEOUT,
        "Task " + name + " " + phase,
        () -> client.resources(Task.class).inNamespace(ns).withName(name).get(),
        t -> t.getStatus() != null && t.getStatus().getPhase() == phase);
  }
}

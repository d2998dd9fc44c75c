package io.axon.controller.it;

import static io.axon.controller.spawner.SpawnerChecks.condition;
import static io.axon.controller.spawner.SpawnerChecks.isFalse;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.LocalObjectReference;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.axon.controller.Fixtures;
import io.axon.controller.credentials.CredentialHosts;
import io.axon.controller.spawner.SpawnerConditions;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.source.github.ScriptedGitHub;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Workspace's Secret is used only toward the hosts its owner listed (axon.io/allowed-hosts, else
 * the public GitHub), whoever wrote the Workspace: the controller, with only the shipped RBAC,
 * creates no Job and sends no poll that would carry the token elsewhere, and says what to add.
 */
class CredentialHostsIT {
  static final String NS = "credential-hosts";
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final String TOKEN = "ghp_otherTeamsT0kenValue0123456789abc";

  static ControlPlane plane;
  static KubernetesClient client;
  static Vertx vertx;
  static ScriptedGitHub github;
  static ControllerInstance controller;

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.builder().start();
    client = plane.client();
    plane.createNamespace(NS);
    vertx = Vertx.vertx();
    github = ScriptedGitHub.start(vertx, "acme", "widgets");
    github.addIssue("Crash", "It crashes.");
    // Another team's token, meant for github.com only: its Secret says nothing.
    client.resource(secret("team-b-token")).create();
    controller =
        new ControllerInstance(
            plane,
            new JsonObject()
                .put("namespaces", new JsonArray().add(NS))
                .put(
                    "sources",
                    new JsonObject()
                        .put(
                            "githubIssues", new JsonObject().put("apiBaseURL", github.baseURL()))));
  }

  @AfterAll
  static void stop() throws Exception {
    if (controller != null) {
      controller.close();
    }
    if (github != null) {
      github.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aTaskWhoseWorkspacePointsElsewhereGetsNoJobAndSaysWhatToAdd() {
    client.resource(workspace("elsewhere", "https://attacker.example/o/r.git")).create();
    client.resource(workspace("on-github", "https://github.com/o/r.git")).create();
    client.resource(task("steal", "elsewhere")).create();
    client.resource(task("honest", "on-github")).create();

    Task refused =
        Eventually.await(
            TIMEOUT,
            "Task steal refused",
            () -> client.resources(Task.class).inNamespace(NS).withName("steal").get(),
            t -> t.getStatus() != null && t.getStatus().getMessage() != null);
    assertThat(refused.getStatus().getMessage())
        .contains("Secret \"team-b-token\" does not allow its token to be sent to attacker.example")
        .contains("adds attacker.example to the Secret's annotation " + CredentialHosts.ANNOTATION)
        .doesNotContain(TOKEN);
    assertThat(refused.getStatus().getConditions())
        .anyMatch(c -> "CredentialHostNotAllowed".equals(c.getReason()));
    // The public GitHub is where a Secret without the annotation may go.
    Eventually.await(
        TIMEOUT,
        "Job honest",
        () -> client.batch().v1().jobs().inNamespace(NS).withName("honest").get(),
        job -> true);
    assertThat(client.batch().v1().jobs().inNamespace(NS).withName("steal").get()).isNull();
  }

  @Test
  void aTaskSpawnerWhoseApiIsNotAllowedNeverPollsWithTheToken() {
    client.resource(workspace("widgets", "https://github.com/acme/widgets.git")).create();
    TaskSpawner spawner = SpawnerFixtures.spawner(NS, "poller", List.of(), List.of());
    client.resource(spawner).create();

    TaskSpawner blocked =
        Eventually.await(
            TIMEOUT,
            "TaskSpawner poller blocked",
            () -> client.resources(TaskSpawner.class).inNamespace(NS).withName("poller").get(),
            s -> s.getStatus() != null && isFalse(s, SpawnerConditions.READY));
    assertThat(condition(blocked, SpawnerConditions.READY).getReason())
        .isEqualTo(SpawnerConditions.REASON_CREDENTIAL_HOST_NOT_ALLOWED);
    assertThat(condition(blocked, SpawnerConditions.READY).getMessage())
        .contains("does not allow its token to be sent to 127.0.0.1, where TaskSpawner polls");
    assertThat(github.requests()).isEmpty();
  }

  static Task task(String name, String workspace) {
    Task task = Fixtures.task(NS, name);
    task.getSpec().setWorkspaceRef(new LocalObjectReference(workspace));
    return task;
  }

  static Workspace workspace(String name, String repo) {
    Workspace workspace = Fixtures.workspace(name);
    workspace.getMetadata().setNamespace(NS);
    workspace.getSpec().setRepo(repo);
    workspace.getSpec().setSecretRef(new LocalObjectReference("team-b-token"));
    return workspace;
  }

  static Secret secret(String name) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .addToData(
            "GITHUB_TOKEN",
            Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)))
        .build();
  }
}

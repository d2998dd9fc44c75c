package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class UninstallCommandTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path home;
  Path manifests;

  @BeforeEach
  void setUp() throws Exception {
    manifests = Path.of(getClass().getResource("/manifests").toURI());
    for (HasMetadata object : io.axon.cli.install.Manifests.directory(manifests).load(client)) {
      client.resource(object).create();
    }
    Fixtures.create(client, Fixtures.task("team-a", "t1", null));
    Fixtures.create(client, Fixtures.task("team-b", "t2", null));
    client.resource(Fixtures.spawner("team-a", "fix-bugs")).create();
    client
        .resource(Fixtures.workspace("team-b", "ws", "https://github.com/a/b.git", null))
        .create();
    client.resource(secret("team-a", "axon-credentials", true)).create();
    client.resource(secret("team-b", "axon-workspace-ws", true)).create();
    client.resource(secret("team-a", "users-own", false)).create();
  }

  /** {@code axon uninstall --yes} with the test's manifests, polling fast. */
  private Cli.Result uninstallConfirmed(Cli cli) {
    return cli.run(
        "uninstall", "--yes", "--manifests", manifests.toString(), "--poll-interval", "10ms");
  }

  private static Secret secret(String namespace, String name, boolean axonMade) {
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .addToLabels(
            axonMade ? Map.of(ApiGroup.MANAGED_BY_LABEL, ApiGroup.MANAGED_BY) : Map.of("a", "b"))
        .endMetadata()
        .addToStringData("token", "s3cr3t")
        .build();
  }

  @Test
  void deletesSpawnersTasksWorkspacesThenTheControllerThenTheCrds() {
    Cli.Result result = uninstallConfirmed(new Cli(client, home));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            1 taskspawner(s) deleted
            2 task(s) deleted
            1 workspace(s) deleted
            2 secret(s) made by axon run deleted
            deployment.apps/axon-controller deleted
            namespace/axon-system deleted
            customresourcedefinition.apiextensions.k8s.io/tasks.axon.io deleted
            Axon is uninstalled.
            """);
    assertThat(client.resources(Task.class).inAnyNamespace().list().getItems()).isEmpty();
    assertThat(client.resources(TaskSpawner.class).inAnyNamespace().list().getItems()).isEmpty();
    assertThat(client.resources(Workspace.class).inAnyNamespace().list().getItems()).isEmpty();
    assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
    assertThat(client.apiextensions().v1().customResourceDefinitions().list().getItems()).isEmpty();
    assertThat(client.secrets().inAnyNamespace().list().getItems())
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("users-own");
  }

  @Test
  void whenSecretsMayNotBeListedItSaysWhatToDeleteAndGoesOn() {
    server
        .expect()
        .get()
        .withPath("/api/v1/secrets?labelSelector=app.kubernetes.io%2Fmanaged-by%3Daxon")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage("secrets is forbidden")
                .build())
        .always();

    Cli.Result result = uninstallConfirmed(new Cli(client, home));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains(
            "warning: not allowed to list Secrets in all namespaces; delete those labelled"
                + " app.kubernetes.io/managed-by=axon (made by axon run from the config file)"
                + " yourself")
        .endsWith("Axon is uninstalled.\n");
    assertThat(client.secrets().inAnyNamespace().list().getItems()).hasSize(3);
  }

  @Test
  void runningItAgainFindsNothingAndSucceeds() {
    Cli cli = new Cli(client, home);
    uninstallConfirmed(cli);

    Cli.Result again = uninstallConfirmed(cli);

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("deployment.apps/axon-controller not found");
  }

  @Test
  void withoutATerminalOrYesItRefuses() {
    Cli.Result result = new Cli(client, home).run("uninstall", "--manifests", manifests.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("pass --yes to confirm");
    assertThat(client.resources(Task.class).inAnyNamespace().list().getItems()).hasSize(2);
  }

  @Test
  void onATerminalItAsksFirst() {
    Cli.Result declined =
        new Cli(client, home)
            .terminal(new Terminal(true, true))
            .stdin("n\n")
            .run("uninstall", "--manifests", manifests.toString());
    assertThat(declined.exitCode()).isEqualTo(1);
    assertThat(declined.out()).contains("Continue? [y/N] ").endsWith("Nothing deleted.\n");
    assertThat(client.resources(Task.class).inAnyNamespace().list().getItems()).hasSize(2);

    Cli.Result accepted =
        new Cli(client, home)
            .terminal(new Terminal(true, true))
            .stdin("yes\n")
            .run("uninstall", "--manifests", manifests.toString(), "--poll-interval", "10ms");
    assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
    assertThat(client.resources(Task.class).inAnyNamespace().list().getItems()).isEmpty();
  }
}

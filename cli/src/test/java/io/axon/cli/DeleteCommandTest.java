package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class DeleteCommandTest {
  KubernetesClient client;

  @TempDir Path home;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(client, home);
    Fixtures.create(client, Fixtures.task("test", "my-task", null));
    Fixtures.create(client, Fixtures.task("test", "other-task", null));
    client.resource(Fixtures.spawner("test", "fix-bugs")).create();
    client
        .resource(Fixtures.workspace("test", "my-workspace", "https://github.com/a/b.git", null))
        .create();
  }

  @Test
  void aNameAloneIsATask() {
    Cli.Result result = cli.run("delete", "my-task");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("task/my-task deleted%n".formatted());
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems())
        .extracting(t -> t.getMetadata().getName())
        .containsExactly("other-task");
  }

  @Test
  void deletesEachKind() {
    assertThat(cli.run("delete", "task", "other-task").out())
        .isEqualTo("task/other-task deleted%n".formatted());
    assertThat(cli.run("delete", "taskspawner", "fix-bugs").out())
        .isEqualTo("taskspawner/fix-bugs deleted%n".formatted());
    assertThat(cli.run("delete", "workspaces", "my-workspace").out())
        .isEqualTo("workspace/my-workspace deleted%n".formatted());

    assertThat(client.resources(TaskSpawner.class).inNamespace("test").list().getItems()).isEmpty();
    assertThat(client.resources(Workspace.class).inNamespace("test").list().getItems()).isEmpty();
  }

  @Test
  void aMissingObjectIsNotFound() {
    Cli.Result result = cli.run("delete", "task", "nope");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("error: task nope not found in namespace test%n".formatted());
  }

  @Test
  void theNamespaceFlagApplies() {
    Fixtures.create(client, Fixtures.task("elsewhere", "my-task", null));

    assertThat(cli.run("delete", "my-task", "-n", "elsewhere").exitCode()).isZero();

    assertThat(client.resources(Task.class).inNamespace("elsewhere").list().getItems()).isEmpty();
    assertThat(client.resources(Task.class).inNamespace("test").withName("my-task").get())
        .isNotNull();
  }

  @Test
  void deletesSeveralNamesAndReportsTheMissingOnes() {
    Cli.Result result = cli.run("delete", "task", "my-task", "nope", "other-task");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out())
        .isEqualTo("task/my-task deleted%ntask/other-task deleted%n".formatted());
    assertThat(result.err())
        .isEqualTo("error: task nope not found in namespace test%n".formatted());
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).isEmpty();
  }

  @Test
  void allDeletesEveryObjectOfTheKindInTheNamespace() {
    Fixtures.create(client, Fixtures.task("elsewhere", "kept", null));

    Cli.Result result = cli.run("delete", "tasks", "--all");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .isEqualTo("task/my-task deleted%ntask/other-task deleted%n".formatted());
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).isEmpty();
    assertThat(client.resources(Task.class).inNamespace("elsewhere").list().getItems()).hasSize(1);
  }

  @Test
  void aSelectorDeletesTheMatchingObjects() {
    Task labelled = Fixtures.task("test", "labelled", null);
    labelled.getMetadata().setLabels(java.util.Map.of("team", "a"));
    Fixtures.create(client, labelled);

    Cli.Result result = cli.run("delete", "task", "-l", "team=a");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("task/labelled deleted%n".formatted());
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).hasSize(2);
  }

  @Test
  void nothingMatchingIsSaidAndIsNoError() {
    Cli.Result result = cli.run("delete", "task", "-l", "team=none");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("No tasks found in namespace test.%n".formatted());
  }

  @Test
  void namesAndAllOrASelectorDoNotGoTogether() {
    Cli.Result result = cli.run("delete", "task", "my-task", "--all");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("names cannot be combined with --all or -l");
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).hasSize(2);
  }

  @Test
  void anUnknownKindIsAUsageError() {
    Cli.Result result = cli.run("delete", "pod", "x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("unknown kind 'pod'");
  }
}

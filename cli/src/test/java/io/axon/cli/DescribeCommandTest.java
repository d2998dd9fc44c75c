package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskResult;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code axon describe} and {@code axon wait} on TaskSpawners and Workspaces. */
@EnableKubernetesMockClient(crud = true)
class DescribeCommandTest {
  KubernetesClient client;

  @TempDir Path home;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(client, home);
  }

  @Test
  void describesATaskSpawnerWithItsConditions() {
    TaskSpawner spawner = client.resource(Fixtures.spawner("test", "fix-bugs")).create();
    spawner.setStatus(Fixtures.spawnerStatus(3, 1, 7, null));
    spawner
        .getStatus()
        .getConditions()
        .add(
            new ConditionBuilder()
                .withType("Ready")
                .withStatus("False")
                .withReason("SecretNotFound")
                .withMessage("Secret \"gh\" not found")
                .build());
    client.resource(spawner).updateStatus();

    Cli.Result result = cli.run("describe", "taskspawner", "fix-bugs");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("Name:         fix-bugs\n")
        .contains("Source:       githubIssues\n")
        .contains("Workspace:    my-workspace\n")
        .contains("Items found:  3\n")
        .containsPattern(
            "Conditions:\n  TYPE +STATUS +REASON +MESSAGE\n  Ready +False +SecretNotFound +Secret \"gh\" not found\n")
        .endsWith("Events:\n  <none>\n");
  }

  @Test
  void aTasksMessageAndResultCannotRetitleOrRecolourTheTerminal() {
    Task task = client.resource(Fixtures.task("test", "t1", "2026-01-01T00:00:00Z")).create();
    TaskStatus status = new TaskStatus();
    status.setPhase(TaskPhase.Failed);
    status.setMessage("\033]0;pwned\007bad \033[31mtoken\u009b");
    TaskResult taskResult = new TaskResult();
    taskResult.setBranch("axon/t1\033[2J");
    status.setResult(taskResult);
    task.setStatus(status);
    client.resource(task).updateStatus();

    Cli.Result result = cli.run("describe", "task", "t1");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .doesNotContain("\033")
        .doesNotContain("\007")
        .doesNotContain("\u009b")
        .contains("bad ")
        .contains("axon/t1");
  }

  @Test
  void describesAWorkspace() {
    client
        .resource(Fixtures.workspace("test", "ws", "https://github.com/a/b.git", "main"))
        .create();

    Cli.Result result = cli.run("describe", "ws", "ws");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("Repo:         https://github.com/a/b.git\n")
        .contains("Ref:          main\n");
  }

  @Test
  void describingAMissingObjectIsNotFound() {
    Cli.Result result = cli.run("describe", "task", "nope");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("error: task nope not found in namespace test%n".formatted());
  }

  @Test
  void waitsForATaskSpawnersCondition() throws Exception {
    TaskSpawner spawner = client.resource(Fixtures.spawner("test", "fix-bugs")).create();
    Cli.Running waiting =
        cli.start(
            "wait",
            "taskspawner",
            "fix-bugs",
            "--for=condition=Ready",
            "--timeout=30s",
            "--poll-interval=50ms");
    spawner.setStatus(Fixtures.spawnerStatus(0, 0, 0, null));
    spawner
        .getStatus()
        .getConditions()
        .add(new ConditionBuilder().withType("Ready").withStatus("True").build());
    client.resource(spawner).updateStatus();

    Cli.Result result = waiting.await(Duration.ofSeconds(20));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("taskspawner/fix-bugs condition met%n".formatted());
  }

  @Test
  void aWrongWaitIsAUsageError() {
    Cli.Result result = cli.run("wait", "t1", "--for=ready");
    Cli.Result phaseOfASpawner = cli.run("wait", "taskspawner", "s", "--for=phase=Running");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("use phase=PHASE, condition=TYPE[=STATUS] or delete");
    assertThat(phaseOfASpawner.exitCode()).isEqualTo(2);
    assertThat(phaseOfASpawner.err()).contains("only Tasks have a phase");
  }
}

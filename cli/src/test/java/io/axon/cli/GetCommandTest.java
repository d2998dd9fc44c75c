package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class GetCommandTest {
  KubernetesClient client;
  KubernetesMockServer server;
  Instant now;

  @TempDir Path home;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(client, home);
    Task done = Fixtures.create(client, Fixtures.task("test", "fix-issue-42", null));
    Task running = Fixtures.create(client, Fixtures.task("test", "add-tests", null));
    Fixtures.create(client, Fixtures.task("other", "elsewhere", null));
    // The mock server stamps creation times itself: measure from an hour after the last one.
    now =
        client.resources(Task.class).inAnyNamespace().list().getItems().stream()
            .map(t -> Instant.parse(t.getMetadata().getCreationTimestamp()))
            .max(Instant::compareTo)
            .orElseThrow()
            .plusSeconds(3600);
    cli.now(now);
    done =
        Fixtures.status(
            client,
            done,
            TaskPhase.Succeeded,
            now.minusSeconds(600).toString(),
            now.minusSeconds(330).toString(),
            "done");
    done.getStatus().setResult(Fixtures.result("0.1234", "claude-sonnet-4-20250514"));
    done.getStatus().setPodName("fix-issue-42-abcde");
    client.resource(done).updateStatus();
    Fixtures.status(
        client, running, TaskPhase.Running, now.minusSeconds(45).toString(), null, "agent running");
  }

  @Test
  void listsTasksInTheNamespace() {
    Cli.Result result = cli.run("get", "tasks");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .isEqualTo(
            """
            NAME           TYPE          PHASE       DURATION   COST    AGE
            add-tests      claude-code   Running     45s        -       60m
            fix-issue-42   claude-code   Succeeded   4m30s      $0.12   60m
            """);
  }

  @Test
  void acceptsSingularAndShortKinds() {
    String expected = cli.run("get", "tasks").out();

    assertThat(cli.run("get", "task").out()).isEqualTo(expected);
    assertThat(cli.run("get", "axt").out()).isEqualTo(expected);
    assertThat(cli.run("get", "tasks.axon.io").out()).isEqualTo(expected);
  }

  @Test
  void wideAddsModelJobPodPrDependenciesBranchAndMessage() {
    Cli.Result result = cli.run("get", "tasks", "-o", "wide");

    assertThat(result.out())
        .isEqualTo(
            """
            NAME           TYPE          PHASE       DURATION   COST    AGE   MODEL                      JOB            POD                  PR   DEPENDS-ON   BRANCH   MESSAGE
            add-tests      claude-code   Running     45s        -       60m   -                          add-tests      -                    -    -            -        agent running
            fix-issue-42   claude-code   Succeeded   4m30s      $0.12   60m   claude-sonnet-4-20250514   fix-issue-42   fix-issue-42-abcde   -    -            -        done
            """);
  }

  @Test
  void escapesInAStatusMessageNeverReachTheTerminalInAnyFormat() {
    Task hostile = Fixtures.create(client, Fixtures.task("test", "hostile", null));
    String message = "agent said \u001b]0;owned\u0007\u001b[2J\u009b31m\u202eevil";
    Fixtures.status(client, hostile, TaskPhase.Failed, null, null, message);

    String wide = cli.run("get", "task", "hostile", "-o", "wide").out();
    String yaml = cli.run("get", "task", "hostile", "-o", "yaml").out();
    String json = cli.run("get", "task", "hostile", "-o", "json").out();

    assertThat(wide).contains("agent said ]0;owned[2J31mevil");
    for (String printed : List.of(wide, yaml, json)) {
      assertThat(printed.chars())
          .as(printed)
          .noneMatch(c -> c == 0x1b || c == 0x07 || (c >= 0x80 && c <= 0x9f) || c == 0x202e);
    }
    // The structured formats escape instead: the message is kept whole for a program to read.
    assertThat(
            client
                .getKubernetesSerialization()
                .unmarshal(json, Task.class)
                .getStatus()
                .getMessage())
        .isEqualTo(message);
    assertThat(
            client
                .getKubernetesSerialization()
                .unmarshal(yaml, Task.class)
                .getStatus()
                .getMessage())
        .isEqualTo(message);
  }

  @Test
  void allNamespacesAddsTheNamespaceColumn() {
    Cli.Result result = cli.run("get", "tasks", "-A");

    assertThat(result.out())
        .isEqualTo(
            """
            NAMESPACE   NAME           TYPE          PHASE       DURATION   COST    AGE
            other       elsewhere      claude-code   -           -          -       60m
            test        add-tests      claude-code   Running     45s        -       60m
            test        fix-issue-42   claude-code   Succeeded   4m30s      $0.12   60m
            """);
  }

  @Test
  void namespaceFlagAndConfigChooseTheNamespace() throws Exception {
    assertThat(cli.run("get", "tasks", "-n", "other").out())
        .contains("elsewhere")
        .doesNotContain("add-tests");
    java.nio.file.Files.createDirectories(cli.configFile().getParent());
    java.nio.file.Files.writeString(cli.configFile(), "namespace: other\n");
    assertThat(cli.run("get", "tasks").out()).contains("elsewhere").doesNotContain("add-tests");
  }

  @Test
  void showsOneByName() {
    Cli.Result result = cli.run("get", "task", "add-tests");

    assertThat(result.out())
        .isEqualTo(
            """
            NAME        TYPE          PHASE     DURATION   COST   AGE
            add-tests   claude-code   Running   45s        -      60m
            """);
  }

  @Test
  void jsonRoundTrips() {
    Cli.Result list = cli.run("get", "tasks", "-o", "json");
    Cli.Result one = cli.run("get", "task", "fix-issue-42", "-o", "json");
    assertThat(list.exitCode()).as(list.toString()).isZero();

    KubernetesSerialization serialization = client.getKubernetesSerialization();
    KubernetesList parsed = serialization.unmarshal(list.out(), KubernetesList.class);
    assertThat(parsed.getKind()).isEqualTo("List");
    List<Task> tasks = parsed.getItems().stream().map(item -> asTask(serialization, item)).toList();
    Task stored = client.resources(Task.class).inNamespace("test").withName("fix-issue-42").get();
    assertThat(tasks)
        .extracting(t -> t.getMetadata().getName())
        .containsExactly("add-tests", "fix-issue-42");
    Task fromList = tasks.get(1);
    Task single = serialization.unmarshal(one.out(), Task.class);
    for (Task task : List.of(fromList, single)) {
      assertThat(task.getSpec().getPrompt()).isEqualTo(stored.getSpec().getPrompt());
      assertThat(task.getSpec().getCredentials().getType())
          .isEqualTo(stored.getSpec().getCredentials().getType());
      assertThat(task.getStatus().getPhase()).isEqualTo(TaskPhase.Succeeded);
      assertThat(task.getStatus().getResult().getCostUSD()).isEqualTo("0.1234");
      assertThat(task.getMetadata().getUid()).isEqualTo(stored.getMetadata().getUid());
      assertThat(task.getMetadata().getManagedFields()).isEmpty();
    }
    assertThat(one.out()).startsWith("{\n");
  }

  @Test
  void yamlPrintsTheObject() {
    Cli.Result result = cli.run("get", "task", "add-tests", "-o", "yaml");

    assertThat(result.out())
        .startsWith("apiVersion: \"axon.io/v1alpha1\"\nkind: \"Task\"\n")
        .contains("  prompt: \"do it\"")
        .contains("  phase: \"Running\"");
    Task parsed = client.getKubernetesSerialization().unmarshal(result.out(), Task.class);
    assertThat(parsed.getMetadata().getName()).isEqualTo("add-tests");
  }

  @Test
  void listsWorkspacesAndTaskSpawners() {
    Workspace workspace =
        client
            .resource(
                Fixtures.workspace(
                    "test", "my-workspace", "https://github.com/your-org/repo.git", "main"))
            .create();
    TaskSpawner spawner = client.resource(Fixtures.spawner("test", "fix-bugs")).create();
    Instant now =
        Stream.of(workspace, spawner)
            .map(o -> Instant.parse(o.getMetadata().getCreationTimestamp()))
            .max(Instant::compareTo)
            .orElseThrow()
            .plusSeconds(3600);
    cli.now(now);
    spawner.setStatus(Fixtures.spawnerStatus(3, 1, 7, now.minusSeconds(30).toString()));
    spawner.getStatus().getConditions().add(condition("True", "Polled", "polled"));
    client.resource(spawner).updateStatus();

    Cli.Result workspaces = cli.run("get", "workspaces");
    Cli.Result spawners = cli.run("get", "taskspawners");
    Cli.Result spawnersWide = cli.run("get", "axts", "-o", "wide");

    assertThat(workspaces.out())
        .isEqualTo(
            """
            NAME           REPO                                   REF    AGE
            my-workspace   https://github.com/your-org/repo.git   main   60m
            """);
    assertThat(spawners.out())
        .isEqualTo(
            """
            NAME       TYPE          STATUS   INTERVAL   FOUND   ACTIVE   CREATED   LAST-POLL   AGE
            fix-bugs   claude-code   Ready    5m         3       1        7         30s         60m
            """);
    assertThat(spawnersWide.out().lines().toList().get(1)).endsWith("60m   my-workspace   polled");
  }

  @Test
  void aBrokenTaskSpawnerShowsWhyItIsNotReady() {
    TaskSpawner spawner = client.resource(Fixtures.spawner("test", "broken")).create();
    spawner.setStatus(Fixtures.spawnerStatus(0, 0, 0, null));
    spawner
        .getStatus()
        .getConditions()
        .add(condition("False", "WorkspaceNotFound", "Workspace \"my-workspace\" not found"));
    client.resource(spawner).updateStatus();

    Cli.Result result = cli.run("get", "taskspawners");
    Cli.Result wide = cli.run("get", "taskspawners", "-o", "wide");

    assertThat(result.out().lines().toList().get(1)).contains("claude-code   WorkspaceNotFound");
    assertThat(wide.out().lines().toList().get(1))
        .endsWith("my-workspace   Workspace \"my-workspace\" not found");
  }

  @Test
  void theNamespaceIsShownWhenItIsNotTheContexts() throws Exception {
    java.nio.file.Files.createDirectories(cli.configFile().getParent());
    java.nio.file.Files.writeString(cli.configFile(), "namespace: other\n");

    Cli.Result fromConfig = cli.run("get", "tasks");
    Cli.Result fromContext = cli.run("get", "tasks", "-n", "test");

    assertThat(fromConfig.err())
        .isEqualTo(
            "Namespace other (from the config file; the kubeconfig context's is test).%n"
                .formatted());
    assertThat(fromContext.err()).isEmpty();
  }

  @Test
  void outputNamePrintsKindSlashNameALine() {
    Cli.Result result = cli.run("get", "tasks", "-o", "name");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("task/add-tests%ntask/fix-issue-42%n".formatted());
  }

  @Test
  void sortByOrdersByAField() {
    Cli.Result byPhase = cli.run("get", "tasks", "--sort-by", ".status.phase", "-o", "name");
    Cli.Result byCost =
        cli.run("get", "tasks", "--sort-by", "{.status.result.costUSD}", "-o", "name");
    Cli.Result bad = cli.run("get", "tasks", "--sort-by", "status[0]");

    assertThat(byPhase.out()).isEqualTo("task/add-tests%ntask/fix-issue-42%n".formatted());
    assertThat(byCost.out()).isEqualTo("task/fix-issue-42%ntask/add-tests%n".formatted());
    assertThat(bad.exitCode()).isEqualTo(2);
  }

  @Test
  void getAxonListsEveryKind() {
    client
        .resource(Fixtures.workspace("test", "my-workspace", "https://github.com/a/b.git", null))
        .create();

    Cli.Result tables = cli.run("get", "axon");
    Cli.Result names = cli.run("get", "axon", "-o", "name");

    assertThat(tables.exitCode()).as(tables.toString()).isZero();
    assertThat(tables.out())
        .startsWith("NAME                TYPE")
        .contains("task/fix-issue-42   claude-code")
        .contains("\n\nNAME                     REPO")
        .contains("workspace/my-workspace   https://github.com/a/b.git");
    assertThat(names.out())
        .isEqualTo("task/add-tests%ntask/fix-issue-42%nworkspace/my-workspace%n".formatted());
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(
      String status, String reason, String message) {
    return new io.fabric8.kubernetes.api.model.ConditionBuilder()
        .withType("Ready")
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime("2026-11-20T11:00:00Z")
        .build();
  }

  @Test
  void nothingFoundIsSaidOnStandardError() {
    Cli.Result result = cli.run("get", "workspaces");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("No workspaces found in namespace test.%n".formatted());
  }

  @Test
  void aMissingNameIsNotFound() {
    Cli.Result result = cli.run("get", "task", "nope");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("error: task nope not found in namespace test%n".formatted());
  }

  @Test
  void unknownKindsAndOutputsAreUsageErrors() {
    Cli.Result kind = cli.run("get", "pods");
    Cli.Result output = cli.run("get", "tasks", "-o", "xml");

    assertThat(kind.exitCode()).isEqualTo(2);
    assertThat(kind.err())
        .contains("unknown kind 'pods': use axon or one of [tasks, taskspawners, workspaces]");
    assertThat(output.exitCode()).isEqualTo(2);
    assertThat(output.err()).contains("xml");
  }

  @Test
  void watchPrintsARowPerChange() throws Exception {
    Cli.Running watching = cli.start("get", "tasks", "-w");
    watching.awaitOut("fix-issue-42", Duration.ofSeconds(10));
    awaitWatch(Duration.ofSeconds(10));
    String failedRow = "add-tests      claude-code   Failed      30s        -       60m";
    // The mock server may register the watch a moment after the request: repeat until seen.
    for (int attempt = 0; attempt < 10 && !watching.out().contains(failedRow); attempt++) {
      Task task = client.resources(Task.class).inNamespace("test").withName("add-tests").get();
      Fixtures.status(
          client,
          task,
          TaskPhase.Failed,
          now.minusSeconds(45).toString(),
          now.minusSeconds(15).toString(),
          "boom " + attempt);
      Thread.sleep(500);
    }
    Cli.Result result = watching.stop();

    assertThat(result.exitCode()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.subList(0, 3))
        .containsExactly(
            "NAME           TYPE          PHASE       DURATION   COST    AGE",
            "add-tests      claude-code   Running     45s        -       60m",
            "fix-issue-42   claude-code   Succeeded   4m30s      $0.12   60m");
    // (The mock server also replays older changes after the listing; a real one does not.)
    assertThat(lines.subList(3, lines.size())).contains(failedRow);
  }

  /** Waits until the command has opened its watch on the server. */
  private void awaitWatch(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      var last = server.getLastRequest();
      if (last != null && last.getPath().contains("watch=true")) {
        Thread.sleep(200);
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the command never opened a watch");
  }

  private static Task asTask(KubernetesSerialization serialization, HasMetadata item) {
    if (item instanceof Task task) {
      return task;
    }
    return serialization.convertValue((GenericKubernetesResource) item, Task.class);
  }
}

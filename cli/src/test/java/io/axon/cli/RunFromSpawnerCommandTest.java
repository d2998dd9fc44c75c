package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.Workspace;
import io.axon.source.github.ScriptedGitHub;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code axon run --from taskspawner/NAME --item ID}: the spawner's Task for one item, made by
 * hand, with the spawner's template and the item's text, owned by nobody.
 */
@EnableKubernetesMockClient(crud = true)
class RunFromSpawnerCommandTest {
  static final String OBJECTS =
      """
      apiVersion: axon.io/v1alpha1
      kind: Workspace
      metadata:
        name: my-workspace
      spec:
        repo: https://github.com/acme/widgets.git
      ---
      apiVersion: axon.io/v1alpha1
      kind: TaskSpawner
      metadata:
        name: fix-bugs
      spec:
        when:
          githubIssues:
            workspaceRef:
              name: my-workspace
            labels: [bug]
            allowedAuthors: [octocat]
        taskTemplate:
          type: claude-code
          credentials:
            type: oauth
            secretRef:
              name: claude-credentials
          promptTemplate: "Fix: {{.Title}}\\n{{.Body}}"
      """;

  KubernetesClient client;
  @TempDir Path home;
  Cli cli;
  Vertx vertx;
  ScriptedGitHub github;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(client, home);
    vertx = Vertx.vertx();
    github = ScriptedGitHub.start(vertx, "acme", "widgets");
    List<?> objects = (List<?>) Serialization.unmarshal(OBJECTS);
    client.resource((Workspace) objects.get(0)).create();
    client.resource((TaskSpawner) objects.get(1)).create();
  }

  @AfterEach
  void tearDown() throws Exception {
    github.close();
    vertx.close().await();
  }

  @Test
  void theItemsTaskIsMadeFromTheSpawnersTemplateAndBelongsToNoSpawner() {
    github.addIssue("Crash on start", "It crashes.", "bug");
    github.addIssue("Login {{.Body}} $(id)", "`rm -rf /`", "bug");

    Cli.Result result =
        cli.run(
            "run", "--from", "taskspawner/fix-bugs", "--item", "2", "--api-url", github.baseURL());

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<Task> tasks = client.resources(Task.class).inNamespace("test").list().getItems();
    assertThat(tasks).hasSize(1);
    Task task = tasks.get(0);
    assertThat(task.getMetadata().getName()).matches("fix-bugs-2-[a-z0-9]{5}");
    assertThat(result.out())
        .isEqualTo("task/" + task.getMetadata().getName() + " created from taskspawner/fix-bugs\n");
    assertThat(task.getSpec().getPrompt()).isEqualTo("Fix: Login {{.Body}} $(id)\n`rm -rf /`");
    assertThat(task.getSpec().getType()).isEqualTo("claude-code");
    assertThat(task.getSpec().getCredentials().getSecretRef().getName())
        .isEqualTo("claude-credentials");
    assertThat(task.getSpec().getWorkspaceRef().getName()).isEqualTo("my-workspace");
    assertThat(task.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(task.getMetadata().getLabels())
        .containsEntry("axon.io/from-taskspawner", "fix-bugs")
        .doesNotContainKey("axon.io/taskspawner");
  }

  @Test
  void severalItemsNeedItemAndAWrongOneIsNamed() {
    github.addIssue("One", "1", "bug");
    github.addIssue("Two", "2", "bug");

    Cli.Result several =
        cli.run("run", "--from", "taskspawner/fix-bugs", "--api-url", github.baseURL());
    assertThat(several.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(several.err())
        .contains("taskspawner fix-bugs's source has 2 items (2, 1): pick one with --item");

    Cli.Result missing =
        cli.run(
            "run", "--from", "taskspawner/fix-bugs", "--item", "9", "--api-url", github.baseURL());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("item 9 is not among taskspawner fix-bugs's items now");

    Cli.Result noSpawner = cli.run("run", "--from", "taskspawner/nope");
    assertThat(noSpawner.err()).contains("taskspawner nope not found in namespace test");

    Cli.Result badForm = cli.run("run", "--from", "fix-bugs");
    assertThat(badForm.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badForm.err()).contains("--from fix-bugs: give taskspawner/NAME");

    Cli.Result both = cli.run("run", "--from", "taskspawner/fix-bugs", "-p", "hi");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(client.resources(Task.class).inAnyNamespace().list().getItems()).isEmpty();
  }
}

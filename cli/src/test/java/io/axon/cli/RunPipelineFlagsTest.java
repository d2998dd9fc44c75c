package io.axon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.Workspace;
import io.axon.api.v1alpha1.WorkspaceSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code axon run --depends-on/--branch} and how {@code axon get tasks -o wide} shows them. */
@EnableKubernetesMockClient(crud = true)
class RunPipelineFlagsTest {
  KubernetesClient client;

  @TempDir Path home;
  Cli cli;

  @BeforeEach
  void setUp() throws IOException {
    cli = new Cli(client, home);
    client
        .leases()
        .inNamespace("axon-system")
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName("axon-controller")
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("axon-controller-abc")
                .withLeaseDurationSeconds(15)
                .withRenewTime(ZonedDateTime.parse("2026-11-20T11:59:55Z"))
                .endSpec()
                .build())
        .create();
    Files.createDirectories(cli.configFile().getParent());
    Files.writeString(cli.configFile(), "apiKey: k\n");
    Workspace workspace = new Workspace();
    workspace.setMetadata(new ObjectMetaBuilder().withName("app").build());
    workspace.setSpec(new WorkspaceSpec("https://github.com/acme/app.git", "main"));
    client.resources(Workspace.class).inNamespace("test").resource(workspace).create();
  }

  @Test
  void dependenciesAndTheBranchGoIntoTheTaskAndShowInWide() {
    Cli.Result scaffold =
        cli.run(
            "run",
            "-p",
            "scaffold",
            "--name",
            "scaffold",
            "--workspace",
            "app",
            "--branch",
            "axon/todo");
    Cli.Result docs =
        cli.run(
            "run",
            "-p",
            "Document {{.Deps.scaffold.Result.Branch}}",
            "--name",
            "docs",
            "--workspace",
            "app",
            "--branch",
            "axon/todo",
            "--depends-on",
            "scaffold",
            "--depends-on",
            "tests");

    assertThat(scaffold.exitCode()).as(scaffold.toString()).isZero();
    assertThat(docs.exitCode()).as(docs.toString()).isZero();
    assertThat(docs.err())
        .contains(
            "note: task tests does not exist yet: this Task waits until it is created and"
                + " succeeds")
        .doesNotContain("task scaffold does not exist");
    Task task = client.resources(Task.class).inNamespace("test").withName("docs").get();
    assertThat(task.getSpec().getDependsOn()).containsExactly("scaffold", "tests");
    assertThat(task.getSpec().getBranch()).isEqualTo("axon/todo");
    assertThat(task.getSpec().getPrompt()).isEqualTo("Document {{.Deps.scaffold.Result.Branch}}");

    task.setStatus(new io.axon.api.v1alpha1.TaskStatus());
    task.getStatus().setPhase(TaskPhase.Waiting);
    task.getStatus().setMessage("Waiting for \"scaffold\" to succeed.");
    client.resource(task).updateStatus();
    String wide = cli.run("get", "tasks", "-o", "wide").out();
    List<String> lines = wide.lines().toList();
    assertThat(lines.get(0)).contains("PR   DEPENDS-ON       BRANCH      MESSAGE");
    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith("docs ")
                    && l.contains("Waiting")
                    && l.contains(
                        "scaffold,tests   axon/todo   Waiting for \"scaffold\" to succeed."));
  }

  @Test
  void badPipelineFlagsAreUsageErrorsAndCreateNothing() {
    assertUsage(
        cli.run("run", "-p", "x", "--branch", "feature"),
        "error: --branch needs a workspace: --workspace NAME, or workspace in the config file");
    assertUsage(
        cli.run("run", "-p", "x", "--workspace", "app", "--branch", "a..b"),
        "error: --branch a..b is not a git branch name");
    assertUsage(
        cli.run("run", "-p", "x", "--name", "me", "--depends-on", "me"),
        "error: --depends-on me: a Task cannot depend on itself");
    assertUsage(
        cli.run("run", "-p", "x", "--depends-on", "Not_A_Task"), "error: --depends-on Not_A_Task:");
    assertUsage(
        cli.run("run", "--local", "-p", "x", "--depends-on", "a"),
        "error: --depends-on is for Tasks on a cluster, not --local");
    assertUsage(
        cli.run("run", "--local", "-p", "x", "--branch", "a..b"),
        "error: --branch a..b is not a git branch name");
    assertThat(client.resources(Task.class).inNamespace("test").list().getItems()).isEmpty();
  }

  private static void assertUsage(Cli.Result result, String error) {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).startsWith(error);
  }
}

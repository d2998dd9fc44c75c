package io.axon.examples;

import static io.axon.controller.ControllerHarness.await;
import static io.axon.controller.ControllerHarness.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.controller.credentials.CredentialHosts;
import io.axon.controller.spawner.SpawnerPlan;
import io.axon.source.github.ScriptedGitHub;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The YAML in examples/ is applied as a user would and becomes the Jobs it should; the TaskSpawners
 * poll a scripted GitHub on 127.0.0.1 and create the Tasks they should.
 */
@EnableKubernetesMockClient(crud = true)
class ExamplesTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  KubernetesClient client;

  @Test
  void theSeedsTaskWithWorkspaceClonesTheRepositoryAndRunsClaudeCode() throws IOException {
    try (ControllerHarness harness =
        new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()))) {
      apply("workspace.yaml");
      apply("task-with-workspace.yaml");

      awaitTask(
          client,
          "hello-world",
          t ->
              t.getStatus() != null
                  && t.getStatus().getPhase() == TaskPhase.Pending
                  && t.getStatus().getJobName() != null,
          "Job");
      Job job =
          client.batch().v1().jobs().inNamespace(Fixtures.NAMESPACE).withName("hello-world").get();
      Container clone = job.getSpec().getTemplate().getSpec().getInitContainers().get(0);
      assertThat(value(clone.getEnv(), "AXON_REPO"))
          .isEqualTo("https://github.com/your-org/your-repo.git");
      assertThat(value(clone.getEnv(), "AXON_REF")).isEqualTo("main");
      Container agent = job.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations())
          .containsEntry("axon.io/prompt", "Create a hello world program in Python");
      assertThat(agent.getEnv())
          .anyMatch(
              e ->
                  e.getName().equals("CLAUDE_CODE_OAUTH_TOKEN")
                      && e.getValueFrom().getSecretKeyRef().getName().equals("claude-oauth"));
    }
  }

  @Test
  void theSimpleTaskRunsWithoutAWorkspace() throws IOException {
    try (ControllerHarness harness =
        new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()))) {
      apply("task.yaml");

      awaitTask(
          client,
          "hello-world",
          t -> t.getStatus() != null && t.getStatus().getJobName() != null,
          "Job");
      Job job =
          client.batch().v1().jobs().inNamespace(Fixtures.NAMESPACE).withName("hello-world").get();
      assertThat(job.getSpec().getTemplate().getSpec().getInitContainers()).isEmpty();
    }
  }

  @Test
  void theSeedsTaskSpawnerTurnsOpenBugIssuesIntoTasks() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ScriptedGitHub github = ScriptedGitHub.start(vertx, "your-org", "your-repo")) {
      github.addIssue("Login fails with expired tokens", "Steps:\n1. wait an hour", "bug");
      github.addIssue("Add dark mode", "Please", "enhancement");
      github.addPullRequest("Fix login", "bug");
      try (ControllerHarness harness =
          new ControllerHarness(
              client, AgentRegistry.of(Fixtures.claudeLike()), settings(github))) {
        apply("workspace.yaml");
        apply("taskspawner.yaml");

        Task task = awaitTask(client, "fix-bugs-1", t -> true, "the spawned Task");
        assertThat(task.getSpec().getPrompt())
            .isEqualTo("Fix: Login fails with expired tokens\nSteps:\n1. wait an hour");
        assertThat(task.getSpec().getWorkspaceRef().getName()).isEqualTo("my-workspace");
        assertThat(task.getSpec().getCredentials().getSecretRef().getName())
            .isEqualTo("claude-credentials");
        assertThat(task.getMetadata().getLabels()).containsEntry("axon.io/taskspawner", "fix-bugs");
        TaskSpawner spawner =
            ControllerHarness.await(
                () -> spawner("fix-bugs"),
                s ->
                    s.getStatus() != null
                        && Integer.valueOf(1).equals(s.getStatus().getItemsFound()),
                "the spawner's status");
        assertThat(spawner.getStatus().getTasksCreated()).isEqualTo(1);
        assertThat(taskNames()).containsExactly("fix-bugs-1");
        assertThat(github.requests().get(0).params().get("labels")).isEqualTo("bug");
        awaitTask(client, "fix-bugs-1", ExamplesTest::hasJob, "the Job of fix-bugs-1");
      }
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void theSelfDevelopmentLoopWorksEveryOpenIssueThatNeedsNoInput() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ScriptedGitHub github = ScriptedGitHub.start(vertx, "axon-core", "axon")) {
      github.requireToken("ghp_workersToken");
      github.addIssue("Flaky test in WorkQueueTest", "It fails one run in ten.");
      github.addIssue("Support GitLab", "Which API?", "axon/needs-input");
      github.addIssue("Typo in README", "teh", "documentation");
      try (ControllerHarness harness =
          new ControllerHarness(
              client, AgentRegistry.of(Fixtures.claudeLike()), settings(github))) {
        client
            .secrets()
            .inNamespace(Fixtures.NAMESPACE)
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName("github-token")
                    // The scripted GitHub's API is on loopback; the clone goes to github.com.
                    .addToAnnotations(CredentialHosts.ANNOTATION, "127.0.0.1,github.com")
                    .endMetadata()
                    .addToStringData("GITHUB_TOKEN", "ghp_workersToken")
                    .build())
            .create();
        apply("self-development/axon-workers.yaml");

        await(this::taskNames, names -> names.size() == 2, "two Tasks");
        assertThat(taskNames()).containsExactly("axon-workers-1", "axon-workers-3");
        String prompt =
            client
                .resources(Task.class)
                .inNamespace(Fixtures.NAMESPACE)
                .withName("axon-workers-1")
                .get()
                .getSpec()
                .getPrompt();
        assertThat(prompt)
            .contains("issue #1 (https://github.com/axon-core/axon/issues/1)")
            .contains("Title: Flaky test in WorkQueueTest\n\nIt fails one run in ten.\n")
            .contains("gh issue edit 1 --add-label axon/needs-input")
            .doesNotContain("{{");
        assertThat(github.requests().get(0).header("Authorization"))
            .isEqualTo("Bearer ghp_workersToken");
        for (String name : List.of("axon-workers-1", "axon-workers-3")) {
          awaitTask(client, name, ExamplesTest::hasJob, "the Job of " + name);
        }
      }
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void everyExampleParsesAsAxonResources() throws IOException {
    try (var files = Files.walk(EXAMPLES)) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).toList();
      assertThat(yaml).isNotEmpty();
      for (Path file : yaml) {
        try (InputStream in = Files.newInputStream(file)) {
          List<HasMetadata> objects = client.load(in).items();
          assertThat(objects).as(file.toString()).isNotEmpty();
          assertThat(objects)
              .as(file.toString())
              .allMatch(o -> o.getApiVersion().equals("axon.io/v1alpha1"));
          objects.stream()
              .filter(Task.class::isInstance)
              .map(Task.class::cast)
              .forEach(
                  task -> {
                    assertThat(task.getSpec().getPrompt()).isNotBlank();
                    assertThat(task.getSpec().getCredentials().getSecretRef().getName())
                        .isNotBlank();
                  });
          objects.stream()
              .filter(TaskSpawner.class::isInstance)
              .map(TaskSpawner.class::cast)
              .forEach(
                  spawner ->
                      assertThat(SpawnerPlan.of(spawner, WorkSourceRegistry.load(), Map.of()))
                          .as(file.toString())
                          .isNotNull());
        }
      }
    }
  }

  /** No leader election; GitHub is the scripted one. */
  private static JsonObject settings(ScriptedGitHub github) {
    return new JsonObject()
        .put("leaderElection", new JsonObject().put("enabled", false))
        .put(
            "sources",
            new JsonObject()
                .put("githubIssues", new JsonObject().put("apiBaseURL", github.baseURL())));
  }

  private TaskSpawner spawner(String name) {
    return client.resources(TaskSpawner.class).inNamespace(Fixtures.NAMESPACE).withName(name).get();
  }

  private List<String> taskNames() {
    return client.resources(Task.class).inNamespace(Fixtures.NAMESPACE).list().getItems().stream()
        .map(t -> t.getMetadata().getName())
        .sorted()
        .toList();
  }

  private void apply(String file) throws IOException {
    try (InputStream in = Files.newInputStream(EXAMPLES.resolve(file))) {
      client.load(in).inNamespace(Fixtures.NAMESPACE).create();
    }
  }

  /**
   * The Task reconciler is done with the Task: closing the controller now closes its watches at a
   * quiet moment (the mock API server stalls when a watch closes while events are queued for it).
   */
  private static boolean hasJob(Task task) {
    return task.getStatus() != null && task.getStatus().getJobName() != null;
  }

  private static String value(List<EnvVar> env, String name) {
    return env.stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
  }
}

package io.axon.examples;

import static io.axon.controller.ControllerHarness.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.source.cron.CronExpression;
import io.axon.source.cron.CronSourceProvider;
import io.axon.source.github.ScriptedGitHub;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.source.WorkSourceProvider;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pull-request and schedule TaskSpawners of examples/ applied as a user would: each makes the
 * Task it promises (the one for GitHub issues is in {@link ExamplesTest}).
 */
@EnableKubernetesMockClient(crud = true)
class SourceExamplesTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  KubernetesClient client;

  @Test
  void thePullRequestSpawnerWorksOnTheBranchOfAPullRequestWithChangesRequested() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ScriptedGitHub github = ScriptedGitHub.start(vertx, "your-org", "your-repo")) {
      github.addPull("Speed up the parser", "It is slow.", "perf/parser", "main", "agent");
      github.review(1, "reviewer", "CHANGES_REQUESTED");
      github.addPull("Approved", "", "feat/done", "main", "agent");
      github.review(2, "reviewer", "APPROVED");
      JsonObject settings =
          new JsonObject()
              .put("leaderElection", new JsonObject().put("enabled", false))
              .put(
                  "sources",
                  new JsonObject()
                      .put(
                          "githubPullRequests",
                          new JsonObject().put("apiBaseURL", github.baseURL())));
      try (ControllerHarness harness =
          new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()), settings)) {
        apply("workspace.yaml");
        apply("taskspawner-pull-requests.yaml");

        Task task = awaitTask(client, "review-1", t -> true, "the pull request's Task");
        assertThat(task.getSpec().getBranch()).isEqualTo("perf/parser");
        assertThat(task.getSpec().getWorkspaceRef().getName()).isEqualTo("my-workspace");
        assertThat(task.getSpec().getPrompt())
            .isEqualTo(
                "Address the review comments on pull request"
                    + " https://github.com/your-org/your-repo/pull/1, \"Speed up the parser\".\n"
                    + "You are on its branch perf/parser (into main); push your commits to it.\n\n"
                    + "It is slow.\n");
        awaitTask(client, "review-1", t -> t.getStatus() != null, "the Task's status");
        assertThat(
                client
                    .resources(Task.class)
                    .inNamespace(Fixtures.NAMESPACE)
                    .withName("review-2")
                    .get())
            .isNull();
      }
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void theScheduleMakesATaskForTheWeekdayMorningTick() throws Exception {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Instant tick =
        CronExpression.parse("0 7 * * 1-5").next(Instant.now().plusSeconds(5), berlin).get();
    Clock atTheTick = Clock.fixed(tick.plusSeconds(30), ZoneOffset.UTC);
    WorkSourceRegistry sources =
        WorkSourceRegistry.of(
            Stream.concat(
                    Stream.of(new CronSourceProvider(atTheTick)),
                    ServiceLoader.load(WorkSourceProvider.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(p -> !p.kind().equals("cron")))
                .toArray(WorkSourceProvider[]::new));
    try (ControllerHarness harness =
        new ControllerHarness(
            client,
            AgentRegistry.of(Fixtures.claudeLike()),
            new JsonObject().put("leaderElection", new JsonObject().put("enabled", false)),
            "examples",
            sources)) {
      apply("workspace.yaml");
      apply("taskspawner-cron.yaml");

      String name =
          "nightly-deps-"
              + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC).format(tick);
      Task task = awaitTask(client, name, t -> true, "the tick's Task");
      assertThat(task.getSpec().getPrompt())
          .startsWith("It is " + tick.atZone(berlin).toOffsetDateTime() + ". Update the project's");
      assertThat(task.getSpec().getWorkspaceRef().getName()).isEqualTo("my-workspace");
      assertThat(task.getSpec().getTtlSecondsAfterFinished()).isEqualTo(86400L);
      awaitTask(client, name, t -> t.getStatus() != null, "the Task's status");
    }
  }

  private void apply(String file) throws IOException {
    try (InputStream in = Files.newInputStream(EXAMPLES.resolve(file))) {
      client.load(in).inNamespace(Fixtures.NAMESPACE).create();
    }
  }
}

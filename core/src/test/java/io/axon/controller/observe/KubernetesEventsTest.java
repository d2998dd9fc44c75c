package io.axon.controller.observe;

import static io.axon.controller.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.controller.ControllerHarness;
import io.axon.controller.Fixtures;
import io.axon.spi.agent.AgentRegistry;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kubernetes Events on the CRUD mock API server, as {@code kubectl describe task} shows them. */
@EnableKubernetesMockClient(crud = true)
class KubernetesEventsTest {
  KubernetesClient client;
  KubernetesMockServer server;
  ControllerHarness harness;

  @BeforeEach
  void start() {
    harness = new ControllerHarness(client, AgentRegistry.of(Fixtures.claudeLike()));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aTaskThatSucceededHasJobCreatedStartedAndSucceeded() {
    TaskRun run = TaskRun.start(client, Fixtures.task("fine"));
    run.running();
    Task done = run.succeeded(TaskRun.SUCCESS_SUMMARY);

    List<Event> events = eventsFor(done, 3);
    assertThat(events)
        .extracting(Event::getReason)
        .containsExactly("JobCreated", "Started", "Succeeded");
    assertThat(events).extracting(Event::getType).containsOnly("Normal");
    assertThat(events)
        .extracting(Event::getMessage)
        .containsExactly(
            "Created Job fine to run the claude-code agent.",
            "The agent started in pod fine-pod.",
            "The agent finished: PR created: https://github.com/o/r/pull/7");
    for (Event event : events) {
      assertThat(event.getMetadata().getNamespace()).isEqualTo(Fixtures.NAMESPACE);
      assertThat(event.getInvolvedObject().getKind()).isEqualTo("Task");
      assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo("axon.io/v1alpha1");
      assertThat(event.getInvolvedObject().getName()).isEqualTo("fine");
      assertThat(event.getInvolvedObject().getNamespace()).isEqualTo(Fixtures.NAMESPACE);
      assertThat(event.getReportingComponent()).isEqualTo("axon-controller");
      assertThat(event.getSource().getComponent()).isEqualTo("axon-controller");
      assertThat(event.getReportingInstance()).startsWith("test-");
      assertThat(event.getCount()).isEqualTo(1);
      assertThat(event.getFirstTimestamp()).isNotNull().isEqualTo(event.getLastTimestamp());
    }
  }

  @Test
  void aFailedTaskHasAWarningThatSaysWhy() {
    TaskRun run = TaskRun.start(client, Fixtures.task("broke"));
    run.running();
    Task failed = run.failed(TaskRun.MAX_TURNS_SUMMARY);

    List<Event> events = eventsFor(failed, 3);
    assertThat(events)
        .extracting(Event::getReason)
        .containsExactly("JobCreated", "Started", "Failed");
    Event last = events.get(2);
    assertThat(last.getType()).isEqualTo("Warning");
    assertThat(last.getMessage())
        .isEqualTo(
            "The agent failed (error_max_turns): Reached maximum number of turns (1) (reason:"
                + " LimitReached)");
  }

  @Test
  void aTaskThatFailsBeforeItsJobIsCreatedGetsOnlyAFailedWarning() {
    Task typo = Fixtures.task("typo");
    typo.getSpec().setType("claude-coed");
    typo.getMetadata().setUid(null);
    client.resources(Task.class).resource(typo).create();

    Task failed =
        ControllerHarness.awaitTask(
            client,
            "typo",
            t -> t.getStatus() != null && t.getStatus().getPhase() != null,
            "a phase");
    List<Event> events = eventsFor(failed, 1);
    assertThat(events).extracting(Event::getReason).containsExactly("Failed");
    assertThat(events.get(0).getMessage())
        .startsWith("Unknown agent type \"claude-coed\".")
        .endsWith("(reason: UnknownAgentType)");
  }

  @Test
  void aRepeatedEventCountsUpInsteadOfPilingUp() throws Exception {
    TaskSpawner spawner = new TaskSpawner();
    spawner.setMetadata(
        new ObjectMetaBuilder()
            .withName("issues")
            .withNamespace(Fixtures.NAMESPACE)
            .withUid("spawner-uid")
            .build());
    // The recorder the controller lends to others (the spawner reports source errors with it).
    EventRecorder recorder = harness.controller().events();

    recorder.warning(spawner, EventRecorder.SOURCE_ERROR, "GitHub refused the token (401).");
    recorder.warning(spawner, EventRecorder.SOURCE_ERROR, "GitHub refused the token (401).");
    recorder.warning(spawner, EventRecorder.SOURCE_ERROR, "GitHub is unreachable.");

    List<Event> events =
        client.v1().events().inNamespace(Fixtures.NAMESPACE).list().getItems().stream()
            .filter(e -> "spawner-uid".equals(e.getInvolvedObject().getUid()))
            .sorted(Comparator.comparing(e -> e.getMetadata().getName()))
            .toList();
    assertThat(events).hasSize(2);
    assertThat(events)
        .extracting(Event::getMessage, Event::getCount)
        .containsExactly(
            tuple("GitHub refused the token (401).", 2), tuple("GitHub is unreachable.", 1));
    assertThat(events.get(0).getInvolvedObject().getKind()).isEqualTo("TaskSpawner");
    assertThat(events.get(0).getType()).isEqualTo("Warning");
    assertThat(events.get(0).getReason()).isEqualTo("SourceError");
    assertThat(events.get(0).getReportingInstance()).startsWith("test-");
    // The shipped RBAC lets the controller create and patch Events, not read them.
    List<String> eventRequests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
      if (request.getPath().startsWith("/api/v1/namespaces/team-a/events/")) {
        eventRequests.add(request.getMethod());
      }
    }
    assertThat(eventRequests).containsExactly("PATCH");
  }

  /** The Task's Events in the order they were recorded (their names sort by time). */
  private List<Event> eventsFor(Task task, int expected) {
    return await(
        () ->
            client.v1().events().inNamespace(Fixtures.NAMESPACE).list().getItems().stream()
                .filter(e -> task.getMetadata().getUid().equals(e.getInvolvedObject().getUid()))
                .sorted(Comparator.comparing(e -> e.getMetadata().getName()))
                .toList(),
        events -> events.size() >= expected,
        expected + " Events for " + task.getMetadata().getName());
  }
}

package io.axon.controller.it;

import static io.axon.controller.pipeline.PipelineConditions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.axon.controller.task.TaskTransition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Task with {@code dependsOn} starts only once every dependency has Succeeded, on a real control
 * plane whose pods kwok plays: it waits (phase Waiting, a condition naming what on), fails when a
 * dependency fails, is failed on a cycle, and picks up a dependency created after it.
 */
class DependentTasksIT {
  static final String NS = "dependent";

  @RegisterExtension static final KwokControlPlane cluster = new KwokControlPlane(NS);
  static final PipelineTasks tasks = new PipelineTasks(cluster::client, NS);

  @Test
  void aDependentWaitsUntilItsDependencySucceededThenRuns() {
    cluster.pods.runFor("first", "4s");
    tasks.create("first");
    tasks.create("second", "first");

    Task waiting =
        tasks.awaitCondition(
            "second", DEPENDENCIES_READY, "False", REASON_WAITING_FOR_DEPENDENCIES);
    assertThat(waiting.getStatus().getPhase()).isEqualTo(TaskPhase.Waiting);
    assertThat(waiting.getStatus().getMessage()).isEqualTo("Waiting for \"first\" to succeed.");
    tasks.awaitPhase("first", TaskPhase.Running);
    assertThat(tasks.hasJob("second")).as("a Job for second while first runs").isFalse();

    tasks.awaitPhase("first", TaskPhase.Succeeded);
    Task done = tasks.awaitPhase("second", TaskPhase.Succeeded);
    assertThat(PipelineTasks.condition(done, DEPENDENCIES_READY))
        .get()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getMessage()).isEqualTo("Dependencies succeeded: first.");
            });
    assertThat(phases("second"))
        .containsSubsequence(TaskPhase.Waiting, TaskPhase.Pending, TaskPhase.Succeeded);
  }

  @Test
  void aFailedDependencyFailsItsDependentsNamingIt() {
    cluster.pods.fail(
        "broken", 1, "Error", "{\"outcome\":\"Failed\",\"message\":\"Tests do not pass\"}");
    tasks.create("broken");
    tasks.create("after-broken", "broken");
    tasks.create("after-after", "after-broken");

    Task failed = tasks.awaitPhase("after-broken", TaskPhase.Failed);
    assertThat(failed.getStatus().getMessage())
        .startsWith("Dependency \"broken\" failed, so this Task does not run. broken: ")
        .contains("Tests do not pass");
    assertThat(PipelineTasks.condition(failed, DEPENDENCIES_READY))
        .get()
        .extracting(c -> c.getReason())
        .isEqualTo(REASON_DEPENDENCY_FAILED);
    Task chained = tasks.awaitPhase("after-after", TaskPhase.Failed);
    assertThat(chained.getStatus().getMessage()).startsWith("Dependency \"after-broken\" failed");
    assertThat(tasks.hasJob("after-broken") || tasks.hasJob("after-after"))
        .as("a Job for a Task whose dependency failed")
        .isFalse();
  }

  @Test
  void aCycleIsReportedNotWaitedOn() {
    tasks.create("ping", "pong");
    tasks.create("pong", "ping");

    Task ping = tasks.awaitPhase("ping", TaskPhase.Failed);
    assertThat(ping.getStatus().getMessage())
        .startsWith("Dependency cycle: ping → pong → ping. None of these Tasks can start");
    assertThat(PipelineTasks.condition(ping, DEPENDENCIES_READY))
        .get()
        .extracting(c -> c.getReason())
        .isEqualTo(REASON_DEPENDENCY_CYCLE);
    assertThat(tasks.awaitPhase("pong", TaskPhase.Failed).getStatus().getMessage())
        .startsWith("Dependency cycle: pong → ping → pong.");

    // The smallest cycle never gets stored.
    assertThatThrownBy(() -> tasks.create("narcissus", "narcissus"))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("a Task cannot depend on itself");
  }

  @Test
  void aMissingDependencyIsReportedAndPickedUpWhenItAppears() {
    tasks.create("eager", "late");
    Task waiting =
        tasks.awaitCondition("eager", DEPENDENCIES_READY, "False", REASON_DEPENDENCY_NOT_FOUND);
    assertThat(waiting.getStatus().getPhase()).isEqualTo(TaskPhase.Waiting);
    assertThat(waiting.getStatus().getMessage())
        .isEqualTo(
            "Task \"late\" not found in namespace \"dependent\": waiting for it to be created and"
                + " succeed.");

    cluster.client.resource(Fixtures.task(NS, "late")).create();
    tasks.awaitPhase("late", TaskPhase.Succeeded);
    tasks.awaitPhase("eager", TaskPhase.Succeeded);
  }

  @Test
  void dependsOnIsValidatedByTheApiServer() {
    assertThatThrownBy(() -> tasks.create("twice", "a", "a"))
        .hasMessageContaining("dependsOn names a Task twice");
    assertThatThrownBy(() -> tasks.create("upper", "Not_A_Name"))
        .hasMessageContaining("spec.dependsOn[0]");
    assertThatThrownBy(
            () ->
                tasks.create(
                    "too-many",
                    java.util.stream.IntStream.range(0, 33)
                        .mapToObj(i -> "t" + i)
                        .toArray(String[]::new)))
        .hasMessageContaining("must have at most 32 items");
  }

  static List<TaskPhase> phases(String name) {
    return cluster.controller.harness.transitions.stream()
        .filter(t -> t.task().getMetadata().getName().equals(name))
        .filter(TaskTransition::phaseChanged)
        .map(t -> t.current().getPhase())
        .toList();
  }
}

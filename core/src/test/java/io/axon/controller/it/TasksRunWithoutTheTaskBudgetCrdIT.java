package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskBudget;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Without the TaskBudget CRD (an install that left it out) the controller is ready, watches no
 * TaskBudgets and runs Tasks as if no budget held them.
 */
class TasksRunWithoutTheTaskBudgetCrdIT {
  static final String NS = "no-budget-crd";
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  static ControlPlane plane;
  static KubernetesClient client;
  static KwokPods pods;
  static ControllerInstance controller;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("taskbudgets.axon.io")
        .withTimeout(60, TimeUnit.SECONDS)
        .delete();
    Eventually.await(
        TIMEOUT,
        "the API server's discovery without TaskBudgets",
        () -> client.supports(TaskBudget.class),
        supported -> !supported);
    plane.createNamespace(NS);
    pods = new KwokPods(client, NS);
    controller = new ControllerInstance(plane);
  }

  @AfterAll
  static void stop() {
    if (controller != null) {
      controller.close();
    }
    if (pods != null) {
      pods.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void theControllerIsReadyAndATaskSucceeds() {
    Eventually.await(
        TIMEOUT,
        "/readyz ok",
        () -> Health.get(controller, "/readyz"),
        r -> r.statusCode() == 200 && r.body().startsWith("ok"));
    assertThat(controller.harness.controller().cache().health())
        .as("informers")
        .isNotEmpty()
        .noneMatch(informer -> informer.resource().equals("taskbudgets"));

    client.resource(Fixtures.task(NS, "unbudgeted")).create();
    Eventually.await(
        TIMEOUT,
        "Task unbudgeted Succeeded",
        () -> client.resources(Task.class).inNamespace(NS).withName("unbudgeted").get(),
        t -> t.getStatus() != null && t.getStatus().getPhase() == TaskPhase.Succeeded);
  }
}

package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Task whose Job makes no pod (no Job controller runs, so no pod and no FailedCreate Event ever
 * comes) stays Pending with nothing queued or scheduled for it: only a pod's or an Event's arrival
 * would wake it, no periodic look-again.
 */
class JobWithoutAPodIsNotLookedAtAgainIT {
  static final String NS = "no-pod";
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  static ControlPlane plane;
  static KubernetesClient client;
  static ControllerInstance controller;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start(); // no kube-controller-manager: a Job gets no pod
    client = plane.client();
    plane.createNamespace(NS);
    controller = new ControllerInstance(plane);
  }

  @AfterAll
  static void stop() {
    if (controller != null) {
      controller.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aTaskWhoseJobHasNoPodHasNoReconcileLeftScheduled() {
    client.resource(Fixtures.task(NS, "podless")).create();

    Eventually.await(
        TIMEOUT,
        "Task podless Pending with its Job",
        () -> client.resources(Task.class).inNamespace(NS).withName("podless").get(),
        t ->
            t.getStatus() != null
                && t.getStatus().getPhase() == TaskPhase.Pending
                && "podless".equals(t.getStatus().getJobName()));
    assertThat(client.batch().v1().jobs().inNamespace(NS).withName("podless").get())
        .as("the Task's Job")
        .isNotNull();
    assertThat(client.pods().inNamespace(NS).list().getItems()).as("pods").isEmpty();

    MeterRegistry metrics = controller.harness.metrics.registry();
    // The 15 s look-again this replaces kept one reconcile scheduled for as long as the pod lacked.
    Eventually.await(
        TIMEOUT,
        "no reconcile of the podless Task queued or scheduled",
        () -> gauge(metrics, "axon.reconcile.queued") + gauge(metrics, "axon.reconcile.scheduled"),
        waiting -> waiting == 0);
    double reconciles =
        metrics.get("axon.reconcile").counters().stream().mapToDouble(c -> c.count()).sum();
    assertThat(reconciles).as("reconciles of the podless Task").isBetween(1.0, 3.0);
    assertThat(client.resources(Task.class).inNamespace(NS).withName("podless").get())
        .as("the podless Task, still Pending")
        .matches(t -> t.getStatus().getPhase() == TaskPhase.Pending);
  }

  private static double gauge(MeterRegistry metrics, String name) {
    return metrics.get(name).gauge().value();
  }
}

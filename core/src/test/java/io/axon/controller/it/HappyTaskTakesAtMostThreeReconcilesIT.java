package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.controller.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Task whose pod runs and succeeds is reconciled at most three times (its creation, its pod
 * running, its Job complete): its own status writes, and changes to its Job and Pod that cannot
 * change its status (scheduled, ready counts), wake no reconcile, and none is left scheduled.
 */
class HappyTaskTakesAtMostThreeReconcilesIT {
  static final String NS = "reconciles";
  static final int TASKS = 10;
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  @RegisterExtension static final KwokControlPlane cluster = new KwokControlPlane(NS);

  @Test
  void eachSucceededTaskWasReconciledAtMostThreeTimes() {
    List<String> names = IntStream.range(0, TASKS).mapToObj(i -> "happy-" + i).toList();
    names.forEach(name -> cluster.client.resource(Fixtures.task(NS, name)).create());

    Eventually.await(
        TIMEOUT,
        "every Task Succeeded",
        () ->
            cluster.client.resources(Task.class).inNamespace(NS).list().getItems().stream()
                .filter(t -> t.getStatus() != null)
                .filter(t -> t.getStatus().getPhase() == TaskPhase.Succeeded)
                .count(),
        succeeded -> succeeded == TASKS);
    MeterRegistry metrics = cluster.controller.harness.metrics.registry();
    Eventually.await(
        TIMEOUT,
        "no Task queued or scheduled for a reconcile",
        () -> gauge(metrics, "axon.reconcile.queued") + gauge(metrics, "axon.reconcile.scheduled"),
        waiting -> waiting == 0);

    double reconciles =
        metrics.get("axon.reconcile").counters().stream().mapToDouble(c -> c.count()).sum();
    assertThat(reconciles).as("reconciles of %d Tasks", TASKS).isGreaterThanOrEqualTo(TASKS);
    assertThat(reconciles / TASKS).as("reconciles per Task").isLessThanOrEqualTo(3.0);
  }

  private static double gauge(MeterRegistry metrics, String name) {
    return metrics.get(name).gauge().value();
  }
}

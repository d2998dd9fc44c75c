package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ResultReason;
import io.axon.api.v1alpha1.RetrySpec;
import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a real control plane that runs Jobs (kwok fails the pod as a rate-limited run): a failed
 * attempt of a class {@code spec.retry} lists is announced by a {@code RetryScheduled} Event on the
 * Task, naming the attempt, the limit, the class and the backoff, once per retry.
 */
class RetryScheduledEventIT {
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  static ControlPlane plane;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void eachRetryIsAnnouncedWithTheAttemptTheClassAndTheBackoff() {
    String ns = plane.createNamespace("retry-event");
    try (KwokPods pods = new KwokPods(client, ns);
        ControllerInstance controller = new ControllerInstance(plane)) {
      pods.fail("flaky", 1, "Error", RetriesByFailureClassIT.RATE_LIMITED);
      Task task = Fixtures.task(ns, "flaky");
      RetrySpec retry = new RetrySpec();
      retry.setOnReasons(List.of(ResultReason.ModelRateLimited));
      retry.setMaxAttempts(3);
      retry.setBackoff("4s");
      task.getSpec().setRetry(retry);
      Task created = client.resource(task).create();

      List<Event> events =
          KubernetesEvents.await(
              client,
              created,
              TIMEOUT,
              "two RetryScheduled Events and the final Failed",
              e ->
                  KubernetesEvents.reasons(e).stream().filter("RetryScheduled"::equals).count() == 2
                      && KubernetesEvents.reasons(e).contains("Failed"));

      List<String> retries =
          events.stream()
              .filter(e -> "RetryScheduled".equals(e.getReason()))
              .map(Event::getMessage)
              .sorted()
              .toList();
      assertThat(retries.get(0))
          .matches(
              "Attempt 1 of 3 failed \\(ModelRateLimited\\); attempt 2 of 3 starts after a backoff"
                  + " of [3-5]s, at \\S+Z\\.");
      // The backoff doubles per attempt (4s, then 8s, each with up to 10% jitter).
      assertThat(retries.get(1))
          .matches(
              "Attempt 2 of 3 failed \\(ModelRateLimited\\); attempt 3 of 3 starts after a backoff"
                  + " of [7-9]s, at \\S+Z\\.");
      assertThat(events)
          .filteredOn(e -> "RetryScheduled".equals(e.getReason()))
          .extracting(Event::getType)
          .containsOnly("Normal");
    }
  }
}

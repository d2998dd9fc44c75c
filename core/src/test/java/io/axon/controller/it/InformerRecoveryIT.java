package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An informer refused its watch by RBAC mid-run shows on {@code /readyz} and in {@code
 * axon_informer_up}, and the controller recovers on its own once the permission is back.
 */
class InformerRecoveryIT {
  static final Duration TIMEOUT = Duration.ofSeconds(90);
  static ControlPlane plane;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void anInformerRefusedByRbacIsReportedAndRecoversWhenAllowedAgain() {
    String ns = plane.createNamespace("informer");
    try (ControllerInstance controller = new ControllerInstance(plane)) {
      assertThat(Health.readyz(controller)).isEqualTo("ok: leader\n");
      assertThat(podsWatching(controller)).isEqualTo(1.0);

      ClusterRole granted = role();
      client.resource(withoutPodListAndWatch(granted)).update();
      // Open watches outlive an RBAC change; a restarted API server makes every informer
      // list and watch anew, and the pods informer is refused.
      plane.stopApiServer();
      plane.startApiServer();
      Eventually.await(
          TIMEOUT,
          "/readyz to report the pods informer",
          () -> Health.get(controller, "/readyz"),
          r -> r.statusCode() == 503 && r.body().contains("pods (all namespaces) is not watching"));
      assertThat(podsWatching(controller)).isEqualTo(0.0);
      assertThat(Health.healthz(controller)).as("still alive: it retries").isEqualTo("ok\n");

      ClusterRole current = role();
      current.setRules(granted.getRules());
      client.resource(current).update();
      Eventually.await(
          TIMEOUT, "/readyz ok again", () -> Health.readyz(controller), "ok: leader\n"::equals);
      assertThat(podsWatching(controller)).isEqualTo(1.0);
      client.resource(Fixtures.task(ns, "after")).create();
      Eventually.await(
          TIMEOUT,
          "the Job of a Task created after recovery",
          () -> TaskJobs.jobCount(client, ns),
          n -> n == 1);
    }
  }

  static ClusterRole role() {
    return client.rbac().clusterRoles().withName(ControlPlane.CONTROLLER).get();
  }

  static ClusterRole withoutPodListAndWatch(ClusterRole granted) {
    ClusterRole revoked = client.getKubernetesSerialization().clone(granted);
    List<PolicyRule> rules =
        revoked.getRules().stream().filter(r -> !r.getResources().contains("pods")).toList();
    revoked.setRules(rules);
    return revoked;
  }

  static double podsWatching(ControllerInstance controller) {
    Gauge gauge =
        controller
            .harness
            .metrics
            .registry()
            .find("axon.informer.up")
            .tags("resource", "pods", "state", "watching")
            .gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }
}

package io.axon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.GatewayStatus;
import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.axon.controller.it.Eventually;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail in the cluster (CRUD mock API server): a refusal becomes a Warning Event on the
 * Task naming method, host and path (never a credential), every request is counted in a metric and
 * in the Task's count annotations, and Events are rate-limited per Task.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesAuditTest {
  static final String NS = Fixtures.NAMESPACE;
  KubernetesClient client;
  Vertx vertx;
  SimpleMeterRegistry registry = new SimpleMeterRegistry();
  KubernetesAudit audit;
  TaskGrant grant;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    audit = new KubernetesAudit(vertx, client, registry);
    client.resource(Fixtures.task(NS, "audited")).create();
    grant =
        new TaskGrant(
            NS,
            "audited",
            false,
            "sk-ant-real-secret",
            Optional.of("ghp_real"),
            Optional.empty(),
            GitPushRule.forTask("audited"),
            EgressRule.parse(List.of()),
            Set.of());
  }

  @AfterEach
  void stop() {
    audit.close();
    vertx.close().await();
  }

  @Test
  void aRefusalIsAWarningEventAndEveryRequestIsCounted() {
    audit.allowed(grant, GatewayAudit.Route.MODEL);
    audit.allowed(grant, GatewayAudit.Route.GIT);
    audit.refused(
        grant,
        GatewayAudit.Route.GIT,
        "PUSH",
        "git",
        "refs/heads/main",
        "axon gateway: this Task may push only to axon/audited (and axon/audited/*)");
    audit.unauthenticated(GatewayAudit.Route.MODEL);

    List<Event> events =
        await(
            () -> client.v1().events().inNamespace(NS).list().getItems(), list -> !list.isEmpty());
    Event event = events.get(0);
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getReason()).isEqualTo(KubernetesAudit.REASON);
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("Task");
    assertThat(event.getInvolvedObject().getName()).isEqualTo("audited");
    assertThat(event.getMessage())
        .isEqualTo(
            "PUSH git refs/heads/main: axon gateway: this Task may push only to axon/audited (and axon/audited/*)")
        .doesNotContain("sk-ant")
        .doesNotContain("ghp_");

    GatewayStatus counts =
        await(
            () -> {
              Task task = client.resources(Task.class).inNamespace(NS).withName("audited").get();
              return task.getStatus() == null || task.getStatus().getGateway() == null
                  ? new GatewayStatus()
                  : task.getStatus().getGateway();
            },
            c -> c.getRefused() != null);
    assertThat(counts.getAllowed()).isEqualTo(2);
    assertThat(counts.getRefused()).isEqualTo(1);

    assertThat(count("git", "allowed")).isEqualTo(1);
    assertThat(count("model", "allowed")).isEqualTo(1);
    assertThat(count("git", "refused")).isEqualTo(1);
    assertThat(count("model", "unauthenticated")).isEqualTo(1);
  }

  @Test
  void eventsAreLimitedPerTaskButEveryRefusalIsCounted() {
    for (int i = 0; i < 25; i++) {
      audit.refused(grant, GatewayAudit.Route.EGRESS, "CONNECT", "evil.example:443", "", "no");
    }
    await(
        () -> client.v1().events().inNamespace(NS).list().getItems(),
        list -> list.size() == KubernetesAudit.EVENTS_PER_MINUTE);
    assertThat(count("egress", "refused")).isEqualTo(25);
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .hasSize(KubernetesAudit.EVENTS_PER_MINUTE);
  }

  private double count(String route, String decision) {
    var counter =
        registry
            .find("axon_gateway_requests")
            .tag("route", route)
            .tag("decision", decision)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static <T> T await(Supplier<T> supplier, Predicate<T> done) {
    return Eventually.await(Duration.ofSeconds(20), "what the audit wrote", supplier, done);
  }
}

package io.axon.controller.it;

import static io.axon.controller.spawner.SpawnerChecks.condition;
import static io.axon.controller.spawner.SpawnerChecks.isFalse;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Cron;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.When;
import io.axon.controller.spawner.SpawnerConditions;
import io.axon.controller.spawner.SpawnerFixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A TaskSpawner whose taskTemplate type no installed agent provides is refused on the spawner, with
 * a condition naming the installed types, and creates no Task; fixing the type lifts it.
 */
class UnknownAgentTypeSpawnerIT {
  static final String NS = "unknown-agent";
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  static ControlPlane plane;
  static KubernetesClient client;
  static ControllerInstance controller;

  @BeforeAll
  static void start() {
    plane = ControlPlane.builder().start();
    client = plane.client();
    plane.createNamespace(NS);
    controller =
        new ControllerInstance(plane, new JsonObject().put("namespaces", new JsonArray().add(NS)));
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
  void theSpawnerIsRefusedWithTheInstalledTypesAndCreatesNoTask() {
    Cron cron = new Cron();
    cron.setSchedule("* * * * *");
    When when = new When();
    when.setCron(cron);
    TaskSpawner spawner = SpawnerFixtures.spawner(NS, "nightly", List.of(), List.of());
    spawner.getSpec().setWhen(when);
    spawner.getSpec().setPollInterval("5m");
    spawner.getSpec().getTaskTemplate().setType("no-such-agent");
    spawner.getSpec().getTaskTemplate().setPromptTemplate("Check the build at {{.Time}}");
    client.resource(spawner).create();

    TaskSpawner refused =
        Eventually.await(
            TIMEOUT,
            "TaskSpawner nightly refused",
            () -> client.resources(TaskSpawner.class).inNamespace(NS).withName("nightly").get(),
            s -> s.getStatus() != null && isFalse(s, SpawnerConditions.READY));
    assertThat(condition(refused, SpawnerConditions.READY).getReason())
        .isEqualTo(SpawnerConditions.REASON_UNKNOWN_AGENT_TYPE);
    assertThat(condition(refused, SpawnerConditions.READY).getMessage())
        .isEqualTo(
            "spec.taskTemplate.type \"no-such-agent\" is no installed agent's (installed:"
                + " claude-code): use one of them, or put the agent's plugin jar on the"
                + " controller's class path");
    assertThat(client.resources(Task.class).inNamespace(NS).list().getItems()).isEmpty();

    client
        .resources(TaskSpawner.class)
        .inNamespace(NS)
        .withName("nightly")
        .edit(
            s -> {
              s.getSpec().getTaskTemplate().setType("claude-code");
              return s;
            });
    Eventually.await(
        TIMEOUT,
        "TaskSpawner nightly no longer refused",
        () -> client.resources(TaskSpawner.class).inNamespace(NS).withName("nightly").get(),
        s ->
            !SpawnerConditions.REASON_UNKNOWN_AGENT_TYPE.equals(
                condition(s, SpawnerConditions.READY).getReason()));
  }
}

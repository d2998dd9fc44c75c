package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Cron;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.When;
import io.axon.controller.spawner.SpawnerFixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code when.cron} on a real API server and the real clock: the first tick after the spawner was
 * created gets one Task, named after the tick, with the tick's time in its prompt; the tick before
 * the spawner's creation gets none.
 */
class ScheduleSpawnerIT {
  static final DateTimeFormatter ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

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
  void theFirstTickAfterTheSpawnersCreationGetsOneTask() {
    String ns = plane.createNamespace("schedule");
    Cron cron = new Cron();
    cron.setSchedule("* * * * *");
    cron.setTimeZone("Asia/Kolkata");
    When when = new When();
    when.setCron(cron);
    TaskSpawner spawner = SpawnerFixtures.spawner(ns, "minutely", List.of(), List.of());
    spawner.getSpec().setWhen(when);
    spawner.getSpec().getTaskTemplate().setPromptTemplate("Check the build at {{.Time}}");
    spawner.getSpec().setPollInterval("5m"); // the tick, not the interval, wakes the spawner
    TaskSpawner created = client.resource(spawner).create();
    Instant since = Instant.parse(created.getMetadata().getCreationTimestamp());

    JsonObject settings = new JsonObject().put("namespaces", new JsonArray().add(ns));
    try (ControllerInstance controller = new ControllerInstance(plane, settings)) {
      List<Task> tasks =
          Eventually.await(
              Duration.ofSeconds(90),
              "a tick's Task",
              () -> client.resources(Task.class).inNamespace(ns).list().getItems(),
              list -> !list.isEmpty());
      Task task = tasks.get(0);
      String name = task.getMetadata().getName();
      assertThat(name).startsWith("minutely-");
      Instant tick =
          java.time.LocalDateTime.parse(
                  name.substring("minutely-".length()),
                  DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"))
              .toInstant(ZoneOffset.UTC);
      assertThat(tick).as("no tick before the spawner").isAfterOrEqualTo(since);
      assertThat(tick).isBeforeOrEqualTo(Instant.now());
      assertThat(name).isEqualTo("minutely-" + ID.format(tick));
      assertThat(task.getSpec().getPrompt())
          .isEqualTo(
              "Check the build at "
                  + tick.atZone(java.time.ZoneId.of("Asia/Kolkata")).toOffsetDateTime());
      assertThat(task.getSpec().getWorkspaceRef()).isNull();
      assertThat(tasks).as("one Task for that tick").hasSize(1);
    }
  }
}

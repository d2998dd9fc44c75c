package io.axon.controller.spawner;

import static io.axon.controller.ControllerHarness.await;
import static io.axon.controller.spawner.SpawnerFixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.Cron;
import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.api.v1alpha1.When;
import io.axon.source.cron.CronSourceProvider;
import io.axon.spi.source.WorkSourceRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code when.cron} against the CRUD mock API server, on a clock the test moves: one Task per tick,
 * and each concurrency policy for a tick while the previous tick's Task runs. The spawner runs
 * without the Task reconciler, so Tasks keep the phase the test gives them.
 */
@EnableKubernetesMockClient(crud = true)
class CronSpawnerTest {
  static final DateTimeFormatter ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

  KubernetesClient client;
  SpawnerHarness harness;

  /** An hour ahead of the system clock: after the spawner's creation time. */
  volatile Instant now =
      Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES).plusSeconds(20);

  final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  void start(String policy) {
    Cron cron = new Cron();
    cron.setSchedule("* * * * *");
    cron.setConcurrencyPolicy(Cron.ConcurrencyPolicy.valueOf(policy));
    When when = new When();
    when.setCron(cron);
    TaskSpawner spawner = SpawnerFixtures.spawner("nightly");
    spawner.getSpec().setWhen(when);
    spawner.getSpec().getTaskTemplate().setPromptTemplate("Tidy up; it is {{.Time}}");
    client.resource(spawner).create();
    harness =
        new SpawnerHarness(
            client,
            WorkSourceRegistry.of(new CronSourceProvider(clock)),
            Map.of(),
            new RecordingObserver(),
            false,
            clock);
  }

  String tick(int minutesFromStart) {
    return "nightly-" + ID.format(startMinute.plus(Duration.ofMinutes(minutesFromStart)));
  }

  final Instant startMinute = now.truncatedTo(ChronoUnit.MINUTES);

  List<String> taskNames() {
    return client.resources(Task.class).inNamespace(NS).list().getItems().stream()
        .map(t -> t.getMetadata().getName())
        .sorted(Comparator.naturalOrder())
        .toList();
  }

  void finish(String name) {
    Task task = client.resources(Task.class).inNamespace(NS).withName(name).get();
    TaskStatus status = new TaskStatus();
    status.setPhase(TaskPhase.Succeeded);
    task.setStatus(status);
    client.resources(Task.class).resource(task).updateStatus();
  }

  TaskSpawner spawner() {
    return client.resources(TaskSpawner.class).inNamespace(NS).withName("nightly").get();
  }

  /**
   * Moves the clock past the next minute, asks for a poll (the loop's timers run on real time), and
   * waits until the spawner polled then (a poll time is written when a minute passed, so a second
   * more).
   */
  void nextTick() {
    now = now.plus(Duration.ofSeconds(61));
    Instant moved = now;
    SpawnerFixtures.pollNow(client, NS, "nightly");
    await(
        this::spawner,
        s ->
            s.getStatus() != null
                && s.getStatus().getLastPollTime() != null
                && !Instant.parse(s.getStatus().getLastPollTime()).isBefore(moved),
        "a poll at " + moved);
  }

  @Test
  void oneTaskPerTickAndATickWhileTheLastRunsIsSkippedForGood() {
    start("skip");
    await(this::taskNames, n -> n.size() == 1, "the first tick's Task");
    assertThat(taskNames()).containsExactly(tick(0));
    Task first = client.resources(Task.class).inNamespace(NS).withName(tick(0)).get();
    assertThat(first.getSpec().getPrompt()).startsWith("Tidy up; it is ");
    assertThat(first.getSpec().getWorkspaceRef()).isNull();

    nextTick(); // while the first runs
    await(
        this::spawner,
        s ->
            s.getStatus().getExpiredItems().stream()
                .anyMatch(e -> e.startsWith(tick(1).substring(8))),
        "the skipped tick recorded");
    finish(tick(0));
    nextTick();
    await(this::taskNames, n -> n.size() == 2, "the third tick's Task");
    assertThat(taskNames()).containsExactly(tick(0), tick(2)).doesNotContain(tick(1));
  }

  @Test
  void aQueuedTickGetsItsTaskWhenTheRunningOneFinishes() {
    start("queue");
    await(this::taskNames, n -> n.size() == 1, "the first tick's Task");
    nextTick();
    assertThat(taskNames()).containsExactly(tick(0));
    finish(tick(0));
    await(this::taskNames, n -> n.size() == 2, "the queued tick's Task");
    assertThat(taskNames()).containsExactly(tick(0), tick(1));
  }

  @Test
  void underRunATickGetsItsTaskWhileTheLastRuns() {
    start("run");
    await(this::taskNames, n -> n.size() == 1, "the first tick's Task");
    nextTick();
    await(this::taskNames, n -> n.size() == 2, "the second tick's Task");
    assertThat(taskNames()).containsExactly(tick(0), tick(1));
  }
}

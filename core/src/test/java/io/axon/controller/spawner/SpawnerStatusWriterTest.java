package io.axon.controller.spawner;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.TaskSpawner;
import io.axon.api.v1alpha1.TaskSpawnerStatus;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Status writes against scripted API answers: only when changed, and relative on a conflict. */
@EnableKubernetesMockClient
class SpawnerStatusWriterTest {
  static final String PATH = "/apis/axon.io/v1alpha1/namespaces/team-a/taskspawners/s";
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  KubernetesClient client;
  KubernetesMockServer server;

  @Test
  void aConflictReadsTheSpawnerAgainAndAppliesTheChangeToIt() throws Exception {
    TaskSpawner cached = spawner("1", 2L);
    TaskSpawner fresh = spawner("7", 5L);
    server
        .expect()
        .put()
        .withPath(PATH + "/status")
        .andReturn(
            409,
            new StatusBuilder()
                .withStatus("Failure")
                .withReason("Conflict")
                .withCode(409)
                .withMessage("the object has been modified")
                .build())
        .once();
    server.expect().get().withPath(PATH).andReturn(200, fresh).once();
    server.expect().put().withPath(PATH + "/status").andReturn(200, spawner("8", 6L)).once();

    writer(NOW).write(cached, s -> plusOne(s));

    List<RecordedRequest> requests = requests();
    assertThat(requests)
        .extracting(RecordedRequest::getMethod)
        .containsExactly("PUT", "GET", "PUT");
    TaskSpawner first = Serialization.unmarshal(requests.get(0).getUtf8Body(), TaskSpawner.class);
    TaskSpawner retried = Serialization.unmarshal(requests.get(2).getUtf8Body(), TaskSpawner.class);
    assertThat(first.getMetadata().getResourceVersion()).isEqualTo("1");
    assertThat(first.getStatus().getTasksCreated()).isEqualTo(3L);
    assertThat(retried.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(retried.getStatus().getTasksCreated()).isEqualTo(6L);
  }

  @Test
  void nothingIsWrittenWhenOnlyARecentPollTimeWouldChange() throws Exception {
    TaskSpawner cached = spawner("1", 2L);
    cached.getStatus().setLastPollTime("2026-11-23T09:59:30Z");

    writer(NOW).write(cached, s -> polledAt(s, NOW));
    assertThat(requests()).isEmpty();

    server.expect().put().withPath(PATH + "/status").andReturn(200, spawner("2", 2L)).once();
    writer(NOW.plusSeconds(31)).write(cached, s -> polledAt(s, NOW.plusSeconds(31)));
    List<RecordedRequest> requests = requests();
    assertThat(requests).hasSize(1);
    assertThat(
            Serialization.unmarshal(requests.get(0).getUtf8Body(), TaskSpawner.class)
                .getStatus()
                .getLastPollTime())
        .isEqualTo("2026-11-23T10:00:31Z");
  }

  @Test
  void rightAfterItsOwnWriteItBuildsOnWhatTheServerAnsweredNotOnTheStaleCache() throws Exception {
    TaskSpawner cached = spawner("1", 2L);
    server.expect().put().withPath(PATH + "/status").andReturn(200, spawner("2", 3L)).once();
    server.expect().put().withPath(PATH + "/status").andReturn(200, spawner("3", 4L)).once();
    SpawnerStatusWriter writer = writer(NOW);

    writer.write(cached, s -> plusOne(s));
    writer.write(cached, s -> plusOne(s)); // the cache has not seen the first write yet

    List<RecordedRequest> requests = requests();
    TaskSpawner second = Serialization.unmarshal(requests.get(1).getUtf8Body(), TaskSpawner.class);
    assertThat(second.getMetadata().getResourceVersion()).isEqualTo("2");
    assertThat(second.getStatus().getTasksCreated()).isEqualTo(4L);
  }

  private SpawnerStatusWriter writer(Instant now) {
    return new SpawnerStatusWriter(client, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static TaskSpawnerStatus plusOne(TaskSpawnerStatus status) {
    status.setTasksCreated(status.getTasksCreated() + 1);
    return status;
  }

  private static TaskSpawnerStatus polledAt(TaskSpawnerStatus status, Instant at) {
    status.setLastPollTime(at.toString());
    return status;
  }

  private static TaskSpawner spawner(String resourceVersion, long tasksCreated) {
    TaskSpawner spawner = SpawnerFixtures.spawner("s");
    spawner.getMetadata().setResourceVersion(resourceVersion);
    spawner.getMetadata().setUid("uid-s");
    spawner.getMetadata().setGeneration(1L);
    TaskSpawnerStatus status = new TaskSpawnerStatus();
    status.setTasksCreated(tasksCreated);
    status.setObservedGeneration(1L);
    spawner.setStatus(status);
    return spawner;
  }

  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      requests.add(request);
    }
    return requests;
  }
}

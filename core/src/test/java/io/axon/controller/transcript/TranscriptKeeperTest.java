package io.axon.controller.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.api.v1alpha1.TaskStatus;
import io.axon.client.transcript.KeptTranscript;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class TranscriptKeeperTest {
  static final String LOG_PATH = "/api/v1/namespaces/%s/pods/t1-abcde/log?container=agent";

  KubernetesClient client;
  KubernetesMockServer server;

  @Test
  void keepsTheAgentContainersLogInAConfigMapOwnedByTheTask() {
    server
        .expect()
        .get()
        .withPath(LOG_PATH.formatted("kept"))
        .andReturn(200, "{\"a\":1}\n{\"b\":2}\n")
        .once();
    Task task = finished("kept");

    boolean kept = new TranscriptKeeper(client).keep(task);

    assertThat(kept).isTrue();
    ConfigMap map = client.configMaps().inNamespace("kept").withName("t1-axon-log").get();
    assertThat(map.getMetadata().getOwnerReferences().get(0).getUid())
        .isEqualTo(task.getMetadata().getUid());
    assertThat(KeptTranscript.fromConfigMap(map).head()).containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void aKeptLogIsNotReadAgain() {
    server.expect().get().withPath(LOG_PATH.formatted("once")).andReturn(200, "first\n").once();
    Task task = finished("once");
    new TranscriptKeeper(client).keep(task);

    // The log is not served again: a second read would fail.
    boolean kept = new TranscriptKeeper(client).keep(task);

    assertThat(kept).isTrue();
    ConfigMap map = client.configMaps().inNamespace("once").withName("t1-axon-log").get();
    assertThat(KeptTranscript.fromConfigMap(map).head()).containsExactly("first");
  }

  @Test
  void aPodAlreadyGoneLeavesNothingToKeep() {
    server.expect().get().withPath(LOG_PATH.formatted("gone")).andReturn(404, "{}").once();

    boolean kept = new TranscriptKeeper(client).keep(finished("gone"));

    assertThat(kept).isFalse();
    assertThat(client.configMaps().inNamespace("gone").withName("t1-axon-log").get()).isNull();
  }

  @Test
  void aLogThatCannotBeReadFailsSoItIsRetried() {
    server
        .expect()
        .get()
        .withPath(LOG_PATH.formatted("broken"))
        .andReturn(500, "kubelet unreachable")
        .always(); // fabric8 retries a 5xx itself

    assertThatThrownBy(() -> new TranscriptKeeper(client).keep(finished("broken")))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(client.configMaps().inNamespace("broken").withName("t1-axon-log").get()).isNull();
  }

  @Test
  void onlyAFinishedTaskWhosePodRanIsKeepable() {
    Task task = finished("ns");
    assertThat(TranscriptKeeper.keepable(task)).isTrue();
    task.getStatus().setPodName(null);
    assertThat(TranscriptKeeper.keepable(task)).isFalse();
    task.getStatus().setPodName("t1-abcde");
    task.getStatus().setPhase(TaskPhase.Running);
    assertThat(TranscriptKeeper.keepable(task)).isFalse();
  }

  private static Task finished(String namespace) {
    Task task = new Task();
    task.setMetadata(
        new ObjectMetaBuilder()
            .withName("t1")
            .withNamespace(namespace)
            .withUid("uid-" + namespace)
            .build());
    TaskStatus status = new TaskStatus();
    status.setPhase(TaskPhase.Succeeded);
    status.setPodName("t1-abcde");
    task.setStatus(status);
    return task;
  }
}

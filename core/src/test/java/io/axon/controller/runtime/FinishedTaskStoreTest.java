package io.axon.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ApiGroup;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Jobs and Pods are held only while their Task is unfinished (see FinishedTaskStore). */
class FinishedTaskStoreTest {
  final Set<String> finished = ConcurrentHashMap.newKeySet();
  final FinishedTaskStore<Pod> store = new FinishedTaskStore<>(p -> {}, finished::contains);

  @Test
  void aFinishedTasksPodsAreEvictedAndNotStoredAgain() {
    store.put("team-a/t-1", pod("t-1", "t"));
    store.put("team-a/t-2", pod("t-2", "t"));
    store.put("team-a/u-1", pod("u-1", "u"));
    assertThat(store.ofTask("team-a/t")).hasSize(2);

    finished.add("team-a/t");
    assertThat(store.evict("team-a/t")).isEqualTo(2);
    store.put("team-a/t-1", pod("t-1", "t")); // its last update, or a relist

    assertThat(store.ofTask("team-a/t")).isEmpty();
    assertThat(store.get("team-a/t-1")).isNull();
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.ofTask("team-a/u"))
        .extracting(p -> p.getMetadata().getName())
        .containsExactly("u-1");
  }

  @Test
  void removingAPodUnindexesIt() {
    store.put("team-a/t-1", pod("t-1", "t"));
    store.remove("team-a/t-1");

    assertThat(store.ofTask("team-a/t")).isEmpty();
    assertThat(store.evict("team-a/t")).isZero();
  }

  static Pod pod(String name, String task) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("team-a")
        .addToLabels(ApiGroup.TASK_LABEL, task)
        .endMetadata()
        .build();
  }
}

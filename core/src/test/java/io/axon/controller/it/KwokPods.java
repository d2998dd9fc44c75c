package io.axon.controller.it;

import io.axon.api.v1alpha1.ApiGroup;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Steers how kwok plays the pods of chosen Tasks (see hack/control-plane/kwok-stages.yaml): as soon
 * as such a pod appears it gets the labels and annotations that make it fail, or run on. Pods of
 * other Tasks run for a second and succeed.
 */
final class KwokPods implements AutoCloseable {
  static final String FAIL = "pod-container-running-failed.stage.kwok.x-k8s.io";
  static final String COMPLETE_DELAY = "pod-complete.stage.kwok.x-k8s.io/delay";
  static final String COMPLETE_MESSAGE = "pod-complete.stage.kwok.x-k8s.io/message";

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, Map<String, Object>> patchByTask = new ConcurrentHashMap<>();
  private final Watch watch;

  KwokPods(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.watch =
        client
            .pods()
            .inNamespace(namespace)
            .withLabel(ApiGroup.TASK_LABEL)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, Pod pod) {
                    if (action == Action.ADDED) {
                      steer(pod);
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
  }

  /**
   * The Task's agent container ends with this exit code, reason and termination message (the
   * agent's result summary).
   */
  void fail(String task, int exitCode, String reason, String terminationMessage) {
    patchByTask.put(
        task,
        Map.of(
            "labels",
            Map.of(FAIL, "true"),
            "annotations",
            Map.of(
                FAIL + "/exit-code", String.valueOf(exitCode),
                FAIL + "/reason", reason,
                // kwok pastes this into a YAML template unquoted: make it a quoted YAML scalar.
                FAIL + "/message", Serialization.asJson(terminationMessage))));
  }

  /**
   * The Task's pod runs this long (a Go duration) and then succeeds, its agent container ending
   * with this termination message (the agent's result summary).
   */
  void succeed(String task, String duration, String terminationMessage) {
    patchByTask.put(
        task,
        Map.of(
            "annotations",
            Map.of(
                COMPLETE_DELAY,
                duration,
                // Pasted into a YAML template unquoted, as for fail().
                COMPLETE_MESSAGE,
                Serialization.asJson(terminationMessage))));
  }

  /** Pods of the Task created from now on run for a second and succeed, as other Tasks' do. */
  void succeed(String task) {
    patchByTask.remove(task);
  }

  /** The Task's pod runs until it is deleted. */
  void keepRunning(String task) {
    runFor(task, "87600h");
  }

  /**
   * The Task's pod (one kept running, say) succeeds once it runs, as kwok's pod-complete stage
   * would end it: every container terminated with exit code 0.
   */
  void complete(String task, Duration timeout) {
    List<Pod> running =
        Eventually.await(
            timeout,
            "a running pod of Task " + task,
            () ->
                client
                    .pods()
                    .inNamespace(namespace)
                    .withLabel(ApiGroup.TASK_LABEL, task)
                    .list()
                    .getItems()
                    .stream()
                    .filter(
                        p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                    .toList(),
            pods -> pods.size() == 1);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String name = running.get(0).getMetadata().getName();
    // kwok writes the pod's status too: a patch of a version it has just replaced gets 409, so
    // read it again and retry until one lands.
    Eventually.await(
        timeout,
        "pod " + name + " of Task " + task + " marked Succeeded",
        () -> succeeded(name, now),
        pod -> true);
  }

  private Pod succeeded(String name, String now) {
    return client
        .pods()
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            pod -> {
              PodStatus status = pod.getStatus();
              status.setPhase("Succeeded");
              status.getConditions().stream()
                  .filter(c -> c.getType().equals("Ready") || c.getType().equals("ContainersReady"))
                  .forEach(
                      c -> {
                        c.setStatus("False");
                        c.setReason("PodCompleted");
                        c.setLastTransitionTime(now);
                      });
              for (ContainerStatus container : status.getContainerStatuses()) {
                String started =
                    container.getState() != null && container.getState().getRunning() != null
                        ? container.getState().getRunning().getStartedAt()
                        : now;
                container.setReady(false);
                container.setStarted(false);
                container.setState(
                    new ContainerStateBuilder()
                        .withNewTerminated()
                        .withExitCode(0)
                        .withReason("Completed")
                        .withStartedAt(started)
                        .withFinishedAt(now)
                        .endTerminated()
                        .build());
              }
              return pod;
            });
  }

  /** The Task's pod runs this long (a Go duration) and then succeeds. */
  void runFor(String task, String duration) {
    patchByTask.put(task, Map.of("annotations", Map.of(COMPLETE_DELAY, duration)));
  }

  private void steer(Pod pod) {
    Map<String, Object> metadata =
        patchByTask.get(pod.getMetadata().getLabels().get(ApiGroup.TASK_LABEL));
    if (metadata != null) {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              Serialization.asJson(Map.of("metadata", metadata)));
    }
  }

  @Override
  public void close() {
    watch.close();
  }
}

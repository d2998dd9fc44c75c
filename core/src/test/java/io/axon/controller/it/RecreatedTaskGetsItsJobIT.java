package io.axon.controller.it;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Task deleted the moment its Job was created, then re-created under the same name (a retried
 * {@code axon run --name}, {@code kubectl replace --force}), gets a Job of its own.
 */
class RecreatedTaskGetsItsJobIT {
  static final String NS = "recreated";
  static final int TASKS = 12;
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  static ControlPlane plane;
  static KubernetesClient client;
  static ControllerInstance controller;

  @BeforeAll
  static void start() {
    // The garbage collector (kube-controller-manager) deletes the first Tasks' Jobs.
    plane = ControlPlane.builder().jobLifecycle().start();
    client = plane.client();
    plane.createNamespace(NS);
    controller = new ControllerInstance(plane);
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
  void aTaskReCreatedUnderTheNameOfOneDeletedRightAfterItsJobWasCreatedGetsANewJob() {
    List<String> names = IntStream.range(0, TASKS).mapToObj(i -> "again-" + i).toList();
    Set<String> deleted = ConcurrentHashMap.newKeySet();
    // Deletes each Task as soon as its Job exists, before the controller hears of that Job.
    try (Watch ignored = client.batch().v1().jobs().inNamespace(NS).watch(deleteOwner(deleted))) {
      names.parallelStream().forEach(name -> client.resource(Fixtures.task(NS, name)).create());
      Eventually.await(
          TIMEOUT,
          "every Task deleted once its Job existed",
          () -> deleted,
          d -> d.size() == TASKS);
    }
    Eventually.await(
        TIMEOUT,
        "the first Tasks' Jobs garbage-collected",
        () -> client.batch().v1().jobs().inNamespace(NS).list().getItems(),
        List::isEmpty);

    Map<String, String> uids =
        names.parallelStream()
            .map(name -> client.resource(Fixtures.task(NS, name)).create())
            .collect(
                Collectors.toMap(t -> t.getMetadata().getName(), t -> t.getMetadata().getUid()));

    Eventually.await(
        TIMEOUT,
        "a Job owned by each re-created Task (shown: the Tasks that have one)",
        () -> tasksWithTheirOwnJob(uids),
        have -> have.containsAll(names));
  }

  /** The Tasks that have a Job owned by them, by name. */
  static Set<String> tasksWithTheirOwnJob(Map<String, String> uidByTask) {
    return client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NS)
        .withLabel(ApiGroup.TASK_LABEL)
        .list()
        .getItems()
        .stream()
        .filter(
            job ->
                job.getMetadata().getOwnerReferences().stream()
                    .anyMatch(
                        ref ->
                            ref.getUid()
                                .equals(
                                    uidByTask.get(
                                        job.getMetadata().getLabels().get(ApiGroup.TASK_LABEL)))))
        .map(job -> job.getMetadata().getLabels().get(ApiGroup.TASK_LABEL))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static Watcher<Job> deleteOwner(Set<String> deleted) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, Job job) {
        String task = job.getMetadata().getLabels().get(ApiGroup.TASK_LABEL);
        if (action == Action.ADDED && task != null && deleted.add(task)) {
          client.resources(Task.class).inNamespace(NS).withName(task).delete();
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }
}

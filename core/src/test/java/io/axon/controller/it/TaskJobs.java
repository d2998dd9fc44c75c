package io.axon.controller.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.api.v1alpha1.ApiGroup;
import io.axon.api.v1alpha1.Task;
import io.axon.controller.Fixtures;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Tasks and the Jobs that run them, as the API server has them. */
final class TaskJobs {
  private TaskJobs() {}

  /** Creates {@code count} Tasks named {@code prefix-0}, {@code prefix-1}..., in parallel. */
  static void createTasks(KubernetesClient client, String namespace, String prefix, int count) {
    IntStream.range(0, count)
        .parallel()
        .forEach(i -> client.resource(Fixtures.task(namespace, prefix + "-" + i)).create());
  }

  /** The namespace's Jobs, grouped by the Task their label names. */
  static Map<String, List<Job>> jobsByTask(KubernetesClient client, String namespace) {
    return client
        .batch()
        .v1()
        .jobs()
        .inNamespace(namespace)
        .withLabel(ApiGroup.TASK_LABEL)
        .list()
        .getItems()
        .stream()
        .collect(Collectors.groupingBy(j -> j.getMetadata().getLabels().get(ApiGroup.TASK_LABEL)));
  }

  static int jobCount(KubernetesClient client, String namespace) {
    return client.batch().v1().jobs().inNamespace(namespace).list().getItems().size();
  }

  /** Every Task of the namespace has exactly one Job, owned by it; and there is no other Job. */
  static void assertExactlyOneJobPerTask(KubernetesClient client, String namespace, int tasks) {
    List<Task> all = client.resources(Task.class).inNamespace(namespace).list().getItems();
    assertThat(all).hasSize(tasks);
    Map<String, List<Job>> jobs = jobsByTask(client, namespace);
    assertThat(jobCount(client, namespace)).as("Jobs in " + namespace).isEqualTo(tasks);
    for (Task task : all) {
      String name = task.getMetadata().getName();
      assertThat(jobs.get(name)).as("Jobs of Task " + name).hasSize(1);
      assertThat(jobs.get(name).get(0).getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(task.getMetadata().getUid()));
    }
  }
}

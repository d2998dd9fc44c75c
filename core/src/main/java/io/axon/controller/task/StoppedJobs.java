package io.axon.controller.task;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;

/**
 * Stops the Job of a Task that failed before its Job did (its image never came): the Job is
 * suspended, so the Job controller deletes its pod and the kubelet stops pulling, while the Job
 * itself stays, for {@code kubectl describe}, until the Task goes. Blocking.
 */
final class StoppedJobs {
  private StoppedJobs() {}

  static void stop(KubernetesClient client, Job job) {
    if (job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend())) {
      return;
    }
    try {
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(job.getMetadata().getNamespace())
          .withName(job.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":true}}");
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e; // the reconcile is retried with backoff; the Task's status waits for it
      }
    }
  }
}

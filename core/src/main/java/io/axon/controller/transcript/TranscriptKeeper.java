package io.axon.controller.transcript;

import io.axon.api.v1alpha1.Task;
import io.axon.api.v1alpha1.TaskPhase;
import io.axon.client.transcript.KeptTranscript;
import io.axon.client.transcript.TranscriptCap;
import io.axon.controller.job.AgentJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;

/**
 * Keeps one finished Task's agent log ({@link KeptTranscript}): reads the agent container's log of
 * the pod its status names, once, capped ({@link TranscriptCap}), and creates the ConfigMap.
 * Idempotent: a ConfigMap already there is left as it is (it is immutable), and a pod already gone
 * leaves nothing to keep. Blocking: runs on a worker.
 */
final class TranscriptKeeper {
  private final KubernetesClient client;

  TranscriptKeeper(KubernetesClient client) {
    this.client = client;
  }

  /** Whether a Task is one whose log is to be kept: it finished after its pod ran. */
  static boolean keepable(Task task) {
    TaskPhase phase = task.getStatus() == null ? null : task.getStatus().getPhase();
    return phase != null && phase.isFinished() && task.getStatus().getPodName() != null;
  }

  /** Keeps the log; false when there was none to keep (no pod). */
  boolean keep(Task task) {
    String namespace = task.getMetadata().getNamespace();
    String name = KeptTranscript.configMapName(task.getMetadata().getName());
    if (client.configMaps().inNamespace(namespace).withName(name).get() != null) {
      return true;
    }
    String podName = task.getStatus().getPodName();
    TranscriptCap cap = new TranscriptCap();
    try (Reader log =
        new InputStreamReader(
            ContainerLog.open(client, namespace, podName, AgentJobBuilder.AGENT_CONTAINER),
            StandardCharsets.UTF_8)) {
      cap.readAll(log);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the log of pod " + podName, e);
    }
    try {
      client.resource(cap.finish().toConfigMap(task, podName)).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
    return true;
  }
}

package io.axon.controller.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link ResourceCache} keeps of the objects it does not own: only what the controller reads,
 * so that a cache of thousands of Jobs, Pods and Events stays small.
 */
final class SlimObjects {
  private SlimObjects() {}

  /** A Job as the controller reads it: metadata (owner) and status; not its pod template. */
  static void slimJob(Job job) {
    if (job.getSpec() != null) {
      job.getSpec().setTemplate(null);
    }
  }

  /** A FailedCreate Event as the controller reads it: what it is about, when, and its message. */
  static void slimEvent(Event event) {
    event.setSource(null);
    event.setRelated(null);
    event.setReportingComponent(null);
    event.setReportingInstance(null);
    event.getMetadata().setAnnotations(null);
    event.getMetadata().setLabels(null);
  }

  /** A Pod as the controller reads it: metadata, status, and its containers' resources. */
  static void slimPod(Pod pod) {
    PodSpec spec = pod.getSpec();
    if (spec == null) {
      return;
    }
    spec.setVolumes(null);
    spec.setSecurityContext(null);
    spec.setAffinity(null);
    spec.setTolerations(null);
    for (List<Container> containers :
        Arrays.asList(spec.getContainers(), spec.getInitContainers())) {
      for (Container container : containers == null ? List.<Container>of() : containers) {
        container.setEnv(null);
        container.setCommand(null);
        container.setArgs(null);
        container.setVolumeMounts(null);
        container.setSecurityContext(null);
      }
    }
  }
}

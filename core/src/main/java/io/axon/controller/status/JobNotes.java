package io.axon.controller.status;

import io.axon.controller.job.AgentJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Map;

/** What the Job builder noted on a Job for the Task's Accepted condition to say. */
final class JobNotes {
  private JobNotes() {}

  /** A sentence naming the podOverrides.env variables Axon's own overrode, or "". */
  static String ignoredEnv(Job job) {
    Map<String, String> annotations = job.getMetadata().getAnnotations();
    String names =
        annotations == null ? null : annotations.get(AgentJobBuilder.IGNORED_ENV_ANNOTATION);
    if (names == null || names.isBlank()) {
      return "";
    }
    return " podOverrides.env %s ignored: Axon sets %s itself."
        .formatted(names.replace(",", ", "), names.contains(",") ? "them" : "it");
  }
}
